package dev.sessionauth.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Hashes and verifies passwords with bcrypt; the plain password never leaves this class. At most one hash per core
 * runs at a time, the others wait their turn in arrival order: with more hashes than cores running at once, the
 * cores would be shared among all of them and each would finish about as late as the last: every login of a burst
 * would wait for the whole burst. In turn, they finish one after the other, and the first ones early; and since the
 * queue serves whoever came first, {@link SignInShares} keeps any one client or account from filling it.
 */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    /** The cost as it appears in a hash of this cost, e.g. "$12$". */
    private final String costField;
    /**
     * Verified against when the account does not exist, so unknown emails cost as much as known ones: made at the
     * configured cost, like every hash a sign-in leaves stored (see {@link #hasConfiguredCost}).
     */
    private final String dummyHash;
    private final Semaphore turns;

    public PasswordHasher(SessionAuthConfig config) {
        this.cost = config.password().bcryptCost();
        this.costField = String.format(Locale.ROOT, "$%02d$", cost);
        this.dummyHash = BcryptUtil.bcryptHash("not-a-real-password", cost);
        this.turns = new Semaphore(config.password().maxConcurrentHashes()
                .orElse(Runtime.getRuntime().availableProcessors()), true);
    }

    public String hash(String password) {
        return inTurn(() -> BcryptUtil.bcryptHash(password, cost));
    }

    public boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return inTurn(() -> BcryptUtil.matches(password, hash));
    }

    /** Spends the time of one verification without a real hash. */
    public void burnVerification(String password) {
        matches(password, dummyHash);
    }

    /** Whether a stored hash was made at the configured cost, so verifying it takes as long as the dummy's. */
    public boolean hasConfiguredCost(String hash) {
        // Modular crypt format: $2a$12$<salt and hash>, the cost in two decimal digits after the version.
        return hash.startsWith(costField, 3);
    }

    String dummyHash() {
        return dummyHash;
    }

    private <T> T inTurn(Supplier<T> hashing) {
        turns.acquireUninterruptibly();
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }
}
