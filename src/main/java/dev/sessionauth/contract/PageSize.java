package dev.sessionauth.contract;

/** The {@code limit} query parameter of the paged lists (sessions, groups, members): 1 to 100, 100 when absent. */
public final class PageSize {

    public static final int MAX = 100;

    private PageSize() {
    }

    /**
     * @param limit the parameter as sent, or null
     * @param refusal the start of the 400 answer's message, naming the list (e.g. "Can't list sessions: ")
     */
    public static int of(String limit, String refusal) {
        if (limit == null) {
            return MAX;
        }
        // Digits only: no sign, spaces, decimals or hexadecimal, and never a number too large to parse.
        int size = limit.matches("[0-9]{1,3}") ? Integer.parseInt(limit) : 0;
        if (size < 1 || size > MAX) {
            throw new InvalidRequestException(refusal + "limit must be a whole number from 1 to " + MAX);
        }
        return size;
    }
}
