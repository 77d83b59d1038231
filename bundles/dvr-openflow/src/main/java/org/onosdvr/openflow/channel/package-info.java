/**
 * OpenFlow 1.3 controller channel of the embedded runtime, shaped like ONOS's OpenFlow controller
 * ({@code OFChannelInitializer}, {@code OFChannelHandler} with an enum handshake state machine).
 *
 * <p>Pipeline per connection: {@code OfFrameDecoder} (16-bit length framing) -> {@code OfMessageDecoder}
 * (openflowj; a frame it cannot parse becomes an {@link org.onosdvr.openflow.channel.ExperimenterError} or an
 * {@link org.onosdvr.openflow.channel.UndecodableMessage} instead of killing the channel) -> {@code OfMessageEncoder}
 * (one message or a list per buffer) -> {@code IdleStateHandler} (echo) -> {@code OfChannelHandler}.
 *
 * <p>Handshake ({@code HandshakeState}): HELLO with a 1.3-only version bitmap -> FEATURES_REQUEST/REPLY ->
 * SET_CONFIG (miss_send_len 0xffff) + PORT_DESC multipart -> ACTIVE, then listeners get
 * {@code switchConnected}. ECHO_REQUESTs are answered in every state; after {@code echoIntervalMs} without
 * input the controller sends one and disconnects if nothing arrives within {@code echoTimeoutMs}.
 *
 * <p>Typical use:
 * <pre>
 *   OpenFlowController ctl = new OpenFlowController(OpenFlowControllerConfig.builder()
 *           .listen("127.0.0.1:6653").build());
 *   ctl.addListener(myListener);            // connected/disconnected/portStatus/packetIn/switchError/...
 *   ctl.start();
 *   OpenFlowSwitchSession sw = ctl.getSwitch(DeviceId.deviceId("of:0000000000000001")).get();
 *   sw.sendBatch(flowMods).thenAccept(r -&gt; r.errors());          // flow mods + barrier, errors by xid
 *   sw.request(sw.factory().buildFlowStatsRequest().build());    // all multipart parts, or a failure
 * </pre>
 * Failures of requests are {@link org.onosdvr.openflow.channel.OpenFlowRequestException}s with a kind:
 * SWITCH_ERROR (an ERROR with the request's xid, standard or Nicira), UNDECODABLE_REPLY (openflowj could not
 * parse a reply part), TIMEOUT, DISCONNECTED. Listener calls and future completions run on one callback thread,
 * in event order (an error for a flow mod is reported before the barrier that follows it completes).
 */
package org.onosdvr.openflow.channel;
