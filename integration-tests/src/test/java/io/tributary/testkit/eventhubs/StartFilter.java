package io.tributary.testkit.eventhubs;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a receive link starts, from the selector filter the Event Hubs client puts on the link's source
 * ({@code apache.org:selector-filter:string}):
 * <ul>
 *   <li>{@code amqp.annotation.x-opt-offset > '-1'} (earliest), {@code > '@latest'} (latest), {@code >[=] '<offset>'};</li>
 *   <li>{@code amqp.annotation.x-opt-sequence-number >[=] '<n>'};</li>
 *   <li>{@code amqp.annotation.x-opt-enqueued-time >[=] '<epoch millis>'}.</li>
 * </ul>
 * The SDK quotes every value; unquoted numbers are accepted too.
 * A link without a filter starts at the beginning, as the service does.
 *
 * @param field     offset, sequence-number or enqueued-time
 * @param inclusive {@code >=} rather than {@code >}
 * @param value     the compared value, without quotes; {@code @latest} for latest
 */
record StartFilter(String field, boolean inclusive, String value) {

    static final String OFFSET = "offset";
    static final String SEQUENCE_NUMBER = "sequence-number";
    static final String ENQUEUED_TIME = "enqueued-time";
    static final String LATEST = "@latest";

    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*amqp\\.annotation\\.x-opt-(offset|sequence-number|enqueued-time)\\s*(>=|>)\\s*('([^']*)'|(-?[0-9]+))\\s*");

    static final StartFilter EARLIEST = new StartFilter(OFFSET, false, "-1");

    /** Parses the filter, or throws naming what is not understood (the server refuses the link with it). */
    static StartFilter parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return EARLIEST;
        }
        Matcher m = EXPRESSION.matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported selector filter: " + expression);
        }
        String field = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(4) != null ? m.group(4) : m.group(5);
        if (!LATEST.equals(value)) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number in selector filter: " + expression);
            }
        }
        return new StartFilter(field, ">=".equals(m.group(2)), value);
    }

    /** The index of the first event this filter selects among {@code events}; their size when none. */
    int firstIndex(List<StoredEvent> events) {
        if (LATEST.equals(value)) {
            return events.size();
        }
        long bound = Long.parseLong(value);
        for (int i = 0; i < events.size(); i++) {
            StoredEvent e = events.get(i);
            long actual = switch (field) {
                case OFFSET -> e.offsetValue();
                case SEQUENCE_NUMBER -> e.sequenceNumber();
                default -> e.enqueuedTime().getTime();
            };
            if (inclusive ? actual >= bound : actual > bound) {
                return i;
            }
        }
        return events.size();
    }
}
