package org.onosdvr.ovsdb;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests: for a condition, or for a single-threaded executor to have run what is queued on it.
 */
public final class Await {

    private Await() {
    }

    /**
     * Polls a condition every 10 ms.
     *
     * @param condition  the condition
     * @param timeoutMs  how long at most
     * @param what       for the failure message
     * @throws AssertionError if it does not hold in time
     */
    public static void waitFor(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Waits until everything queued on a single-threaded executor, and what that queued in turn (up to four
     * rounds), has run.
     *
     * @param executor the executor
     */
    public static void flush(ExecutorService executor) throws Exception {
        for (int i = 0; i < 4; i++) {
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        }
    }
}
