package org.onosdvr.openflow.net;

import org.onlab.junit.TestUtils;
import org.onosproject.event.DefaultEventSinkRegistry;
import org.onosproject.event.Event;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.EventSink;

/**
 * Delivers every event synchronously in the posting thread.
 */
final class SyncEventDispatcher extends DefaultEventSinkRegistry implements EventDeliveryService {

    /**
     * Injects a synchronous dispatcher into a manager (its {@code eventDispatcher} field is protected).
     *
     * @param manager an AbstractListenerManager
     */
    static void inject(Object manager) {
        try {
            TestUtils.setField(manager, "eventDispatcher", new SyncEventDispatcher());
        } catch (TestUtils.TestUtilsException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void post(Event event) {
        EventSink<Event> sink = (EventSink<Event>) getSink(event.getClass());
        if (sink != null) {
            sink.process(event);
        }
    }

    @Override
    public void setDispatchTimeLimit(long millis) {
    }

    @Override
    public long getDispatchTimeLimit() {
        return 0;
    }
}
