import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The login ceiling of this machine: bcrypt verifications per second with every core busy, using the same
 * implementation the service uses. Run by bench/run.sh with the packaged application's libraries. It also reports
 * the CPU time of one verification, which other load on the machine changes far less than the rate: the service's
 * CPU per login minus it is what a login costs besides the hash.
 */
public class BcryptCeiling {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int cost = Integer.parseInt(args[0]);
        int cores = Integer.parseInt(args[1]);
        String hash = BcryptUtil.bcryptHash("secret123", cost);
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            run(pool, cores, 3, hash);
            long started = System.nanoTime();
            long cpuNanos = run(pool, cores, rounds, hash);
            double seconds = (System.nanoTime() - started) / 1e9;
            double perSecond = cores * rounds / seconds;
            System.out.printf(
                    "{\"bcrypt_cost\":%d,\"threads\":%d,\"verifications_per_s\":%.1f,\"ms_per_verify_per_core\":%.2f,\"cpu_ms_per_verify\":%.2f}%n",
                    cost, cores, perSecond, cores * 1000 / perSecond, cpuNanos / 1e6 / (cores * rounds));
        } finally {
            pool.shutdown();
        }
    }

    /** Runs the verifications on every thread; returns the CPU time they took. */
    private static long run(ExecutorService pool, int threads, int rounds, String hash) throws Exception {
        List<Future<Long>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                long cpuStarted = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < rounds; i++) {
                    BcryptUtil.matches("secret123", hash);
                }
                return THREADS.getCurrentThreadCpuTime() - cpuStarted;
            }));
        }
        long cpuNanos = 0;
        for (Future<Long> future : done) {
            cpuNanos += future.get();
        }
        return cpuNanos;
    }
}
