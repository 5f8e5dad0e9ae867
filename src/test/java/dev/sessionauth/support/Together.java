package dev.sessionauth.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Runs calls at the same moment, each on its own thread, to make requests race. */
public final class Together {

    /** Unbounded: a race starts only once all its calls run, so a bounded pool could deadlock between races. */
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "together");
        thread.setDaemon(true);
        return thread;
    });

    private Together() {
    }

    /** The calls' results, in the calls' order. */
    @SafeVarargs
    public static <T> List<T> run(Supplier<T>... calls) {
        CountDownLatch ready = new CountDownLatch(calls.length);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        for (Supplier<T> call : calls) {
            running.add(CALLERS.submit(() -> {
                ready.countDown();
                go.await();
                return call.get();
            }));
        }
        try {
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a racing call failed", e.getCause());
        }
    }
}
