import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The login ceiling of this machine: bcrypt verifications per second with every core busy, using the same
 * implementation the service uses. Run by bench/run.sh with the packaged application's libraries.
 */
public class BcryptCeiling {

    public static void main(String[] args) throws Exception {
        int cost = Integer.parseInt(args[0]);
        int cores = Integer.parseInt(args[1]);
        String hash = BcryptUtil.bcryptHash("secret123", cost);
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            run(pool, cores, 3, hash);
            long started = System.nanoTime();
            run(pool, cores, rounds, hash);
            double seconds = (System.nanoTime() - started) / 1e9;
            double perSecond = cores * rounds / seconds;
            System.out.printf("{\"bcrypt_cost\":%d,\"threads\":%d,\"verifications_per_s\":%.1f,\"ms_per_verify_per_core\":%.2f}%n",
                    cost, cores, perSecond, cores * 1000 / perSecond);
        } finally {
            pool.shutdown();
        }
    }

    private static void run(ExecutorService pool, int threads, int rounds, String hash) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    BcryptUtil.matches("secret123", hash);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
    }
}
