/**
 * JSON-RPC 1.0 as OVSDB speaks it: {@link org.onosdvr.ovsdb.rpc.JsonRpcMessage} (request, notification,
 * response), Netty decoder/encoder behind Netty's {@code JsonObjectDecoder} framing, and our pending calls by id.
 */
package org.onosdvr.ovsdb.rpc;
