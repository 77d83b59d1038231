package org.onosdvr.runtime.event;

import org.onosproject.event.DefaultEventSinkRegistry;
import org.onosproject.event.Event;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.EventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Event delivery for the embedded runtime, in the role of ONOS's {@code CoreEventDispatcher}: every manager
 * extending {@code AbstractListenerManager} posts through it and registers its listener registry as the sink
 * for its event class. Events are delivered one at a time, in post order, on a single dispatch thread;
 * a sink's exception is logged and does not stop delivery. Unlike ONOS there is no watchdog that kills a
 * listener exceeding the dispatch time limit: the limit is only reported by {@link #getDispatchTimeLimit()}.
 */
@Component(immediate = true, service = EventDeliveryService.class)
public class RuntimeEventDispatcher extends DefaultEventSinkRegistry implements EventDeliveryService {

    private static final long DEFAULT_TIME_LIMIT_MS = 2000;

    private final Logger log = LoggerFactory.getLogger(getClass());

    private volatile Executor executor;
    private ExecutorService ownedExecutor;
    private volatile long timeLimitMs = DEFAULT_TIME_LIMIT_MS;

    /** Creates a dispatcher; {@link #activate()} starts its dispatch thread. */
    public RuntimeEventDispatcher() {
    }

    /**
     * Creates a dispatcher delivering on the given executor (a direct executor makes delivery synchronous,
     * which unit tests of other components use).
     *
     * @param executor executor running the deliveries; must run tasks in submission order
     */
    public RuntimeEventDispatcher(Executor executor) {
        this.executor = executor;
    }

    /**
     * Creates a dispatcher that delivers each event synchronously in the posting thread.
     *
     * @return synchronous dispatcher (no activation needed)
     */
    public static RuntimeEventDispatcher synchronous() {
        return new RuntimeEventDispatcher(Runnable::run);
    }

    /** Starts the single dispatch thread. */
    @Activate
    public void activate() {
        if (executor == null) {
            ownedExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dvr-runtime-event-dispatch");
                t.setDaemon(true);
                return t;
            });
            executor = ownedExecutor;
        }
        log.info("Started");
    }

    /** Stops the dispatch thread; events not yet delivered are dropped. */
    @Deactivate
    public void deactivate() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
            ownedExecutor = null;
            executor = null;
        }
        log.info("Stopped");
    }

    @Override
    public void post(Event event) {
        Executor current = executor;
        if (current == null) {
            log.warn("Dispatcher not active; dropping {}", event);
            return;
        }
        current.execute(() -> deliver(event));
    }

    @SuppressWarnings("unchecked")
    private void deliver(Event event) {
        EventSink<Event> sink = getSink((Class<Event>) event.getClass());
        if (sink == null) {
            log.debug("No sink for event {}", event);
            return;
        }
        try {
            sink.process(event);
        } catch (RuntimeException e) {
            log.warn("Error delivering event {}", event, e);
        }
    }

    @Override
    public void setDispatchTimeLimit(long millis) {
        timeLimitMs = millis;
    }

    @Override
    public long getDispatchTimeLimit() {
        return timeLimitMs;
    }
}
