/**
 * Event delivery (EventDeliveryService) of the embedded runtime.
 */
package org.onosdvr.runtime.event;
