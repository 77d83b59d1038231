/**
 * The level-triggered flow reconciler: desired (compiled) versus installed rules per device.
 */
package org.onosdvr.app.reconciler;
