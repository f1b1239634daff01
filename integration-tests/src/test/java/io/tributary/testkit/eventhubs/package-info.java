/**
 * A TEST SERVER for the Event Hubs-compatible built-in endpoint of an Azure IoT Hub, and the telemetry helpers
 * around it. It is not an emulator and never a stand-in for testing against Azure: it implements what the Event Hubs
 * SDK's {@code EventProcessorClient} needs over AMQP 1.0 ({@link io.tributary.testkit.eventhubs.EventHubsTestServer}),
 * so that the {@code azure-iothub} source can be tested end to end on a machine where no Event Hubs emulator runs.
 * With {@code TRIBUTARY_TEST_EVENTHUBS_CONNECTION} set, the end-to-end tests publish to Microsoft's Event Hubs
 * emulator instead ({@link io.tributary.testkit.eventhubs.IotHubTelemetry}).
 *
 * <p>Known differences from the real service, each untested against Azure here:
 * <ul>
 *   <li>plain AMQP on one port, no TLS, no WebSockets; every SASL mechanism and every CBS token is accepted, so
 *       wrong keys, expired tokens and token renewal are never exercised;</li>
 *   <li>{@code $management} answers READ only; partition ids are 0..n-1, begin_sequence_number is always 0 (no
 *       retention, nothing expires), and events live in memory for the server's lifetime;</li>
 *   <li>offsets are decimal byte positions; no geo-replication offsets ({@code <segment>:<offset>}) and no
 *       {@code com.microsoft:georeplication} capability;</li>
 *   <li>a receiver with a higher {@code com.microsoft:epoch} takes a partition over, but the error sent to the old
 *       receiver ({@code amqp:link:stolen}) and its timing may differ from the service's; non-epoch receivers are
 *       not limited to 5 per consumer group and partition;</li>
 *   <li>any consumer group name is accepted; no quotas, throttling ({@code com.microsoft:server-busy}), idle link
 *       detach, link redirects, or last-enqueued-event runtime metrics on receive links;</li>
 *   <li>IoT Hub's system properties are set as IoT Hub documents them (device and module id, enqueued time, message
 *       source {@code Telemetry}, auth method and generation id as message annotations; message id, content type
 *       and encoding as AMQP properties); the partition of a device is a hash of its id, not IoT Hub's, and the
 *       partition key annotation is the device id;</li>
 *   <li>only device telemetry: no twin change, lifecycle or digital twin change events, and no routing.</li>
 * </ul>
 */
package io.tributary.testkit.eventhubs;
