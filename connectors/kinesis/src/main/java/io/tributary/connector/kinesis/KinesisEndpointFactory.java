package io.tributary.connector.kinesis;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.kinesis.Kinesis2Configuration;

/**
 * Builds the one endpoint of a Kinesis source. Its URI holds the stream, region and source name only; credentials
 * are set on the configuration object, so no secret can show up in a URI, a route dump or a log line.
 */
final class KinesisEndpointFactory {

    private KinesisEndpointFactory() {
    }

    static Endpoint endpoint(SourceDefinition source, CamelContext camel) {
        ConfigValues kinesis = source.protocol();
        String uri = uri(source);
        KinesisEndpoint endpoint = new KinesisEndpoint(uri, camel,
                configuration(kinesis), settings(source));
        try {
            camel.addEndpoint(uri, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the Kinesis endpoint " + uri + ": " + e.getMessage(), e);
        }
        return endpoint;
    }

    static Kinesis2Configuration configuration(ConfigValues kinesis) {
        Kinesis2Configuration c = new Kinesis2Configuration();
        c.setStreamName(KinesisOptions.streamName(kinesis));
        c.setRegion(KinesisOptions.region(kinesis));
        if (kinesis.isSet(KinesisOptions.ENDPOINT_OVERRIDE)) {
            c.setOverrideEndpoint(true);
            c.setUriEndpointOverride(kinesis.get(KinesisOptions.ENDPOINT_OVERRIDE));
        }
        c.setMaxResultsPerRequest(kinesis.get(KinesisOptions.MAX_RECORDS_PER_POLL));
        if (kinesis.isSet(KinesisOptions.ACCESS_KEY_ID)) {
            c.setAccessKey(kinesis.get(KinesisOptions.ACCESS_KEY_ID));
            c.setSecretKey(kinesis.get(KinesisOptions.SECRET_ACCESS_KEY));
            if (kinesis.isSet(KinesisOptions.SESSION_TOKEN)) {
                c.setUseSessionCredentials(true);
                c.setSessionToken(kinesis.get(KinesisOptions.SESSION_TOKEN));
            }
        } else if (kinesis.isSet(KinesisOptions.PROFILE)) {
            c.setUseProfileCredentialsProvider(true);
            c.setProfileCredentialsName(kinesis.get(KinesisOptions.PROFILE));
        } else {
            c.setUseDefaultCredentialsProvider(true);
        }
        return c;
    }

    static KinesisEndpoint.Settings settings(SourceDefinition source) {
        ConfigValues kinesis = source.protocol();
        String stream = KinesisOptions.streamName(kinesis);
        return new KinesisEndpoint.Settings(stream, KinesisOptions.streamArn(kinesis),
                kinesis.get(KinesisOptions.INITIAL_POSITION), KinesisOptions.timestamp(kinesis),
                kinesis.get(KinesisOptions.MAX_RECORDS_PER_POLL), kinesis.get(KinesisOptions.POLL_INTERVAL),
                CheckpointStore.forSource(Path.of(kinesis.get(KinesisOptions.CHECKPOINT_DIR)), source.name(), stream));
    }

    /** Stream, region and source name make the URI unique per source, so two sources never share an endpoint. */
    static String uri(SourceDefinition source) {
        ConfigValues kinesis = source.protocol();
        return "tributary-kinesis://" + encode(KinesisOptions.streamName(kinesis)) + "?region="
                + encode(KinesisOptions.region(kinesis)) + "&tributarySource=" + encode(source.name());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
