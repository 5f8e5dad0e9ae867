package dev.sessionauth.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.EmailAddress;
import dev.sessionauth.config.SessionAuthConfig;

/**
 * Keeps each client address and each account to a small share of this instance's password hashing: at most a few
 * of their sign-ins may be queued for or running a hash at once, and the others are refused at once. Without it,
 * the hashing queue serves in arrival order, so one client sending many logins in parallel would make everyone
 * else wait behind all of them.
 * <p>
 * The counts are per instance, in memory: they measure this instance's queue, and each lasts only as long as the
 * sign-ins it counts. A count that reaches zero is removed, so the map holds only sign-ins in progress.
 */
@ApplicationScoped
public class SignInShares {

    /** How long a refused client is told to wait: about the time a queued hash takes to get its turn. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final int maxPerAddress;
    private final int maxPerAccount;

    public SignInShares(SessionAuthConfig config) {
        this.maxPerAddress = config.signIn().maxInFlightPerAddress();
        this.maxPerAccount = config.signIn().maxInFlightPerAccount();
    }

    /**
     * Takes one place for the account and one for the address, or neither.
     *
     * @return the places taken, to be given back by closing it once the sign-in is over
     * @throws TooManyAttemptsException when the account or the address has no place left
     */
    public Share take(String email, String clientAddress) {
        String account = "account:" + EmailAddress.canonical(email);
        String address = "address:" + (clientAddress == null ? "unknown" : clientAddress);
        if (!tryTake(account, maxPerAccount)) {
            throw new TooManyAttemptsException(TooManyAttemptsException.Reason.BUSY, RETRY_AFTER);
        }
        if (!tryTake(address, maxPerAddress)) {
            giveBack(account);
            throw new TooManyAttemptsException(TooManyAttemptsException.Reason.BUSY, RETRY_AFTER);
        }
        return new Share(account, address);
    }

    private boolean tryTake(String key, int max) {
        boolean[] taken = { false };
        inFlight.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    private void giveBack(String key) {
        inFlight.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    /** The places of one sign-in; closing it gives them back. */
    public final class Share implements AutoCloseable {

        private final String account;
        private final String address;

        private Share(String account, String address) {
            this.account = account;
            this.address = address;
        }

        @Override
        public void close() {
            giveBack(account);
            giveBack(address);
        }
    }
}
