/**
 * The DVR admin service: request checks, allocations, floating IP resolution, settings.
 */
package org.onosdvr.app.manager;
