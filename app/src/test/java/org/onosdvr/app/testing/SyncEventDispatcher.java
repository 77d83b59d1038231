package org.onosdvr.app.testing;

import org.onosproject.event.DefaultEventSinkRegistry;
import org.onosproject.event.Event;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.event.EventSink;

/**
 * Event delivery that hands each event to its sink on the posting thread.
 */
public class SyncEventDispatcher extends DefaultEventSinkRegistry implements EventDeliveryService {

    @Override
    @SuppressWarnings("unchecked")
    public void post(Event event) {
        EventSink sink = getSink(event.getClass());
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
