package dev.sessionauth.gate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.account.EmailAddress;
import dev.sessionauth.config.SessionAuthConfig;

/**
 * Remembers, for a short time, Basic credentials that passed bcrypt, so a client sending them on every request
 * does not pay a bcrypt verification each time. Entries are keyed by an HMAC of the canonical email and the
 * password under a key that exists only in this process's memory, so the cache never holds a password or anything
 * that can be checked against one offline. Each entry records the password hash it was verified against; callers
 * compare it with the current hash in the database on every hit, which makes a password change take effect at once
 * on every instance.
 */
@ApplicationScoped
public class VerifiedCredentialsCache {

    /** Who the credentials belong to, the hash they were verified against, and until when to trust that. */
    public record Entry(UUID userId, String passwordHash, Instant expiresAt) {
    }

    private static final String ALGORITHM = "HmacSHA256";

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final Duration ttl;
    private final int maxEntries;

    public VerifiedCredentialsCache(SessionAuthConfig config) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.ttl = config.basicAuth().cacheTtl();
        this.maxEntries = config.basicAuth().cacheMaxEntries();
    }

    public Optional<Entry> find(String email, String password, Instant now) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        String cacheKey = cacheKey(email, password);
        Entry entry = entries.get(cacheKey);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.expiresAt())) {
            entries.remove(cacheKey, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    public void remember(String email, String password, UUID userId, String passwordHash, Instant now) {
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= maxEntries) {
                // Still full of live entries: start over rather than grow; misses only cost a bcrypt each.
                entries.clear();
            }
        }
        entries.put(cacheKey(email, password), new Entry(userId, passwordHash, now.plus(ttl)));
    }

    /** Drops an entry whose user or password no longer matches. */
    public void forget(String email, String password) {
        entries.remove(cacheKey(email, password));
    }

    private String cacheKey(String email, String password) {
        Mac mac = macs.get();
        mac.update(EmailAddress.canonical(email).getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
