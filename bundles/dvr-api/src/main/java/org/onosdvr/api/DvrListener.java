package org.onosdvr.api;

import org.onosproject.event.EventListener;

/**
 * Listener of DVR state changes.
 */
public interface DvrListener extends EventListener<DvrEvent> {
}
