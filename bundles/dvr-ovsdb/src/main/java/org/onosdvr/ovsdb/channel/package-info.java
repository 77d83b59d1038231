/**
 * The OVSDB manager endpoint on Netty: {@link org.onosdvr.ovsdb.channel.OvsdbServer} accepts switches'
 * connections; per connection, JSON framing -> JSON-RPC codec -> idle detection -> a handler that monitors the
 * tables, answers and sends echoes; {@link org.onosdvr.ovsdb.channel.OvsdbSession} is the connection as seen by
 * the services, known by device once the integration bridge has a datapath id.
 */
package org.onosdvr.ovsdb.channel;
