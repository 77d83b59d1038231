package org.onosdvr.runtime.store;

import org.onosproject.store.service.AsyncAtomicCounter;
import org.onosproject.store.service.AsyncAtomicIdGenerator;

import java.util.concurrent.CompletableFuture;

/**
 * Durable {@link AsyncAtomicIdGenerator} over a counter: ids are 1, 2, 3, ... and never reused, also across
 * restarts. (ONOS allocates ids in batches, so its ids have gaps; callers may rely only on uniqueness.)
 */
final class LocalAtomicIdGenerator implements AsyncAtomicIdGenerator {

    private final AsyncAtomicCounter counter;

    /**
     * Creates a generator.
     *
     * @param counter backing counter
     */
    LocalAtomicIdGenerator(AsyncAtomicCounter counter) {
        this.counter = counter;
    }

    @Override
    public String name() {
        return counter.name();
    }

    @Override
    public CompletableFuture<Long> nextId() {
        return counter.incrementAndGet();
    }
}
