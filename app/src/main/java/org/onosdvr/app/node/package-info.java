/**
 * Turning the dvr network config and switch ports into DVR nodes.
 */
package org.onosdvr.app.node;
