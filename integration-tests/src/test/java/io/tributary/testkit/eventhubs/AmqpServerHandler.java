package io.tributary.testkit.eventhubs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.BaseHandler;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.SaslListener;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;

/**
 * The AMQP side of {@link EventHubsTestServer}, run on its reactor thread only: SASL (ANONYMOUS, and PLAIN or
 * MSSBCBS accepted as they come), connections, sessions, the {@code $cbs} and {@code $management} request/reply nodes,
 * and the partition receive links {@code <hub>/ConsumerGroups/<group>/Partitions/<id>}.
 */
final class AmqpServerHandler extends BaseHandler {

    static final Symbol SELECTOR_FILTER = Symbol.valueOf("apache.org:selector-filter:string");
    static final Symbol EPOCH = Symbol.valueOf("com.microsoft:epoch");
    private static final Pattern PARTITION_ADDRESS = Pattern.compile("(.+)/ConsumerGroups/([^/]+)/Partitions/([^/]+)");
    private static final Symbol NOT_FOUND = Symbol.valueOf("amqp:not-found");
    private static final Symbol LINK_STOLEN = Symbol.valueOf("amqp:link:stolen");
    private static final Symbol NOT_IMPLEMENTED = Symbol.valueOf("amqp:not-implemented");

    private final String hub;
    private final Map<String, PartitionLog> partitions;
    private final Date createdAt;
    private final List<Connection> connections = new ArrayList<>();
    private final List<PartitionReader> readers = new ArrayList<>();
    /**
     * Reply links of the request/reply nodes, per connection, by their target address (the requests' reply-to):
     * clients reuse reply addresses on each of their connections.
     */
    private final Map<Connection, Map<String, Sender>> replyLinks = new HashMap<>();
    private long nextTag;

    AmqpServerHandler(String hub, Map<String, PartitionLog> partitions, Date createdAt) {
        this.hub = hub;
        this.partitions = partitions;
        this.createdAt = createdAt;
    }

    /** A partition receive link and how far it has read. */
    private static final class PartitionReader {
        final Sender sender;
        final PartitionLog log;
        final String consumerGroup;
        final long epoch;
        int next;

        PartitionReader(Sender sender, PartitionLog log, String consumerGroup, long epoch, int next) {
            this.sender = sender;
            this.log = log;
            this.consumerGroup = consumerGroup;
            this.epoch = epoch;
            this.next = next;
        }
    }

    @Override
    public void onConnectionBound(Event event) {
        Transport transport = event.getTransport();
        Sasl sasl = transport.sasl();
        sasl.server();
        sasl.setMechanisms("ANONYMOUS", "PLAIN", "MSSBCBS");
        sasl.setListener(new SaslListener() {
            @Override
            public void onSaslInit(Sasl s, Transport t) {
                // a test server: every mechanism and every credential is accepted
                s.done(Sasl.SaslOutcome.PN_SASL_OK);
            }

            @Override
            public void onSaslMechanisms(Sasl s, Transport t) {
            }

            @Override
            public void onSaslChallenge(Sasl s, Transport t) {
            }

            @Override
            public void onSaslResponse(Sasl s, Transport t) {
                s.done(Sasl.SaslOutcome.PN_SASL_OK);
            }

            @Override
            public void onSaslOutcome(Sasl s, Transport t) {
            }
        });
    }

    @Override
    public void onConnectionRemoteOpen(Event event) {
        Connection connection = event.getConnection();
        connection.setContainer("tributary-eventhubs-test-server");
        connection.open();
        connections.add(connection);
    }

    @Override
    public void onConnectionRemoteClose(Event event) {
        forget(event.getConnection());
        event.getConnection().close();
    }

    @Override
    public void onTransportClosed(Event event) {
        if (event.getConnection() != null) {
            forget(event.getConnection());
        }
    }

    @Override
    public void onSessionRemoteOpen(Event event) {
        event.getSession().open();
    }

    @Override
    public void onSessionRemoteClose(Event event) {
        event.getSession().close();
    }

    @Override
    public void onLinkRemoteOpen(Event event) {
        Link link = event.getLink();
        link.setSource(link.getRemoteSource());
        link.setTarget(link.getRemoteTarget());
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(link.getRemoteReceiverSettleMode());
        if (link instanceof Receiver receiver) {
            // a request link of $cbs or $management: requests come in here
            receiver.open();
            receiver.flow(100);
            return;
        }
        Sender sender = (Sender) link;
        String address = link.getRemoteSource() == null ? "" : link.getRemoteSource().getAddress();
        if (address.endsWith("$cbs") || address.endsWith("$management")) {
            replyLinks.computeIfAbsent(link.getSession().getConnection(), c -> new HashMap<>())
                    .put(link.getRemoteTarget().getAddress(), sender);
            sender.open();
            return;
        }
        openPartitionLink(sender, address);
    }

    private void openPartitionLink(Sender sender, String address) {
        Matcher m = PARTITION_ADDRESS.matcher(address);
        if (!m.matches() || !m.group(1).equalsIgnoreCase(hub) || !partitions.containsKey(m.group(3))) {
            refuse(sender, NOT_FOUND, "no such partition of event hub '" + hub + "': " + address);
            return;
        }
        PartitionLog log = partitions.get(m.group(3));
        StartFilter filter;
        try {
            filter = StartFilter.parse(selector((Source) sender.getRemoteSource()));
        } catch (IllegalArgumentException e) {
            refuse(sender, NOT_IMPLEMENTED, e.getMessage());
            return;
        }
        long epoch = epoch(sender);
        String group = m.group(2);
        // an epoch receiver takes the partition from receivers of a lower epoch, as the service does
        for (PartitionReader other : List.copyOf(readers)) {
            if (other.log == log && other.consumerGroup.equalsIgnoreCase(group)) {
                if (epoch >= 0 && other.epoch > epoch) {
                    refuse(sender, LINK_STOLEN, "a receiver with a higher epoch (" + other.epoch + ") reads " + address);
                    return;
                }
                if (epoch >= 0 && other.epoch < epoch) {
                    readers.remove(other);
                    refuse(other.sender, LINK_STOLEN, "a receiver with epoch " + epoch + " took over " + address);
                }
            }
        }
        sender.open();
        readers.add(new PartitionReader(sender, log, group, epoch, log.firstIndex(filter)));
    }

    private static String selector(Source source) {
        Map<Symbol, Object> filters = source == null ? null : source.getFilter();
        Object filter = filters == null ? null : filters.get(SELECTOR_FILTER);
        if (filter instanceof DescribedType described) {
            return String.valueOf(described.getDescribed());
        }
        return filter == null ? null : filter.toString();
    }

    private static long epoch(Link link) {
        Map<Symbol, Object> properties = link.getRemoteProperties();
        Object epoch = properties == null ? null : properties.get(EPOCH);
        return epoch instanceof Number n ? n.longValue() : -1;
    }

    private static void refuse(Link link, Symbol condition, String description) {
        if (link.getLocalState() == EndpointState.UNINITIALIZED) {
            link.setSource(null);
            link.open();
        }
        link.setCondition(new ErrorCondition(condition, description));
        link.close();
    }

    @Override
    public void onLinkRemoteClose(Event event) {
        Link link = event.getLink();
        readers.removeIf(r -> r.sender == link);
        Map<String, Sender> replies = replyLinks.get(link.getSession().getConnection());
        if (replies != null) {
            replies.values().removeIf(s -> s == link);
        }
        link.close();
    }

    @Override
    public void onLinkFlow(Event event) {
        pump();
    }

    @Override
    public void onDelivery(Event event) {
        Delivery delivery = event.getDelivery();
        if (event.getLink() instanceof Receiver receiver) {
            if (!delivery.isReadable() || delivery.isPartial()) {
                return;
            }
            byte[] bytes = new byte[delivery.pending()];
            int read = receiver.recv(bytes, 0, bytes.length);
            receiver.advance();
            Message request = AmqpMessages.decode(bytes, read);
            delivery.disposition(Accepted.getInstance());
            delivery.settle();
            receiver.flow(1);
            answer(receiver.getSession().getConnection(), receiver.getRemoteTarget().getAddress(), request);
        } else if (delivery.remotelySettled()) {
            delivery.settle();
        }
    }

    private void answer(Connection connection, String node, Message request) {
        Message reply;
        if (node.endsWith("$cbs")) {
            // put-token: every token is good
            reply = AmqpMessages.reply(request, 200, "OK", null);
        } else if (node.endsWith("$management")) {
            reply = management(request);
        } else {
            return;
        }
        Sender link = replyLinks.getOrDefault(connection, Map.of()).get(request.getReplyTo());
        if (link == null || link.getLocalState() != EndpointState.ACTIVE) {
            return;
        }
        send(link, AmqpMessages.encode(reply));
    }

    private Message management(Message request) {
        String type = AmqpMessages.applicationProperty(request, "type");
        String name = AmqpMessages.applicationProperty(request, "name");
        if (!"READ".equalsIgnoreCase(AmqpMessages.applicationProperty(request, "operation"))) {
            return AmqpMessages.reply(request, 501, "only READ is served", null);
        }
        if (name == null || !name.equalsIgnoreCase(hub)) {
            return AmqpMessages.reply(request, 404, "no event hub '" + name + "'", null);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("name", hub);
        body.put("type", type);
        if ("com.microsoft:eventhub".equals(type)) {
            body.put("created_at", createdAt);
            body.put("partition_count", partitions.size());
            body.put("partition_ids", partitions.keySet().toArray(String[]::new));
            return AmqpMessages.reply(request, 200, "OK", body);
        }
        if ("com.microsoft:partition".equals(type)) {
            String id = AmqpMessages.applicationProperty(request, "partition");
            PartitionLog log = partitions.get(id);
            if (log == null) {
                return AmqpMessages.reply(request, 404, "no partition '" + id + "'", null);
            }
            StoredEvent last = log.last();
            body.put("partition", id);
            body.put("begin_sequence_number", 0L);
            body.put("last_enqueued_sequence_number", last == null ? -1L : last.sequenceNumber());
            body.put("last_enqueued_offset", last == null ? "-1" : last.offset());
            body.put("last_enqueued_time_utc", last == null ? createdAt : last.enqueuedTime());
            body.put("is_partition_empty", last == null);
            return AmqpMessages.reply(request, 200, "OK", body);
        }
        return AmqpMessages.reply(request, 404, "unknown type '" + type + "'", null);
    }

    /** Sends what each partition link has credit for; called on link flow and on every tick of the reactor. */
    void pump() {
        for (PartitionReader reader : readers) {
            Sender sender = reader.sender;
            if (sender.getLocalState() != EndpointState.ACTIVE) {
                continue;
            }
            int available = reader.log.size();
            while (sender.getCredit() > 0 && reader.next < available) {
                send(sender, reader.log.get(reader.next++).encoded());
            }
        }
    }

    private void send(Sender sender, byte[] encoded) {
        Delivery delivery = sender.delivery(Long.toString(nextTag++).getBytes(StandardCharsets.US_ASCII));
        sender.send(encoded, 0, encoded.length);
        sender.advance();
        if (sender.getSenderSettleMode() == SenderSettleMode.SETTLED) {
            delivery.settle();
        }
    }

    /** Drops every connection at once, as a crashed or restarted service would. */
    void dropAll() {
        for (Connection connection : List.copyOf(connections)) {
            Transport transport = connection.getTransport();
            if (transport != null) {
                transport.close_tail();
                transport.close_head();
            }
        }
        connections.clear();
        readers.clear();
        replyLinks.clear();
    }

    private void forget(Connection connection) {
        connections.remove(connection);
        readers.removeIf(r -> r.sender.getSession().getConnection() == connection);
        replyLinks.remove(connection);
    }
}
