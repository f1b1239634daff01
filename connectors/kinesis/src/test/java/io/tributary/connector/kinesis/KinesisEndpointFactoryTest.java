package io.tributary.connector.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import java.net.URI;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.kinesis.Kinesis2Configuration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class KinesisEndpointFactoryTest {

    private final Map<String, String> env = Map.of("AWS_KEY", "AKIDEXAMPLE", "AWS_SECRET", "s3cr3t-value",
            "AWS_TOKEN", "token-value");

    @Test
    void usesTheDefaultProviderChainUnlessToldOtherwise() {
        Kinesis2Configuration c = KinesisEndpointFactory.configuration(TestSources.source("fleet", """
                stream: fleet
                region: eu-west-1
                """, env).protocol());
        assertThat(c.isUseDefaultCredentialsProvider()).isTrue();
        assertThat(c.isUseProfileCredentialsProvider()).isFalse();
        assertThat(c.getAccessKey()).isNull();
        assertThat(c.isOverrideEndpoint()).isFalse();
        assertThat(c.getRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void passesAProfileOrStaticKeysWithASessionToken() {
        Kinesis2Configuration profile = KinesisEndpointFactory.configuration(TestSources.source("fleet", """
                stream: arn:aws:kinesis:us-east-2:123456789012:stream/fleet
                profile: ingest
                """, env).protocol());
        assertThat(profile.isUseProfileCredentialsProvider()).isTrue();
        assertThat(profile.getProfileCredentialsName()).isEqualTo("ingest");
        assertThat(profile.isUseDefaultCredentialsProvider()).isFalse();
        assertThat(profile.getRegion()).isEqualTo("us-east-2");
        assertThat(profile.getStreamName()).isEqualTo("fleet");

        Kinesis2Configuration keys = KinesisEndpointFactory.configuration(TestSources.source("fleet", """
                stream: fleet
                region: eu-west-1
                accessKeyId: ${AWS_KEY}
                secretAccessKey: ${AWS_SECRET}
                sessionToken: ${AWS_TOKEN}
                """, env).protocol());
        assertThat(keys.isUseDefaultCredentialsProvider()).isFalse();
        assertThat(keys.getAccessKey()).isEqualTo("AKIDEXAMPLE");
        assertThat(keys.getSecretKey()).isEqualTo("s3cr3t-value");
        assertThat(keys.isUseSessionCredentials()).isTrue();
        assertThat(keys.getSessionToken()).isEqualTo("token-value");
    }

    @Test
    void keepsSecretsOutOfTheUriAndTheOrigin() {
        SourceDefinition source = TestSources.source("fleet", """
                stream: fleet
                region: eu-west-1
                endpointOverride: https://vpce-0abc.kinesis.eu-west-1.vpce.amazonaws.com
                accessKeyId: ${AWS_KEY}
                secretAccessKey: ${AWS_SECRET}
                """, env);
        String uri = KinesisEndpointFactory.uri(source);
        String origin = new KinesisConnector().describeOrigin(source);

        assertThat(uri).isEqualTo("tributary-kinesis://fleet?region=eu-west-1&tributarySource=fleet");
        assertThat(origin).isEqualTo("kinesis://eu-west-1/fleet?endpoint=https://vpce-0abc.kinesis.eu-west-1.vpce.amazonaws.com");
        assertThat(uri + origin).doesNotContain("AKIDEXAMPLE").doesNotContain("s3cr3t-value");
    }

    @Test
    void describesAnArnSourceByItsArn() {
        SourceDefinition source = TestSources.source("fleet", """
                stream: arn:aws:kinesis:us-east-2:123456789012:stream/fleet
                """, env);
        assertThat(new KinesisConnector().describeOrigin(source))
                .isEqualTo("arn:aws:kinesis:us-east-2:123456789012:stream/fleet");
    }

    /** Camel's aws2-kinesis component caches the first endpoint's client for all; each source needs its own. */
    @Test
    void givesEachSourceItsOwnClient() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            KinesisEndpoint first = (KinesisEndpoint) KinesisEndpointFactory.endpoint(TestSources.source("a", """
                    stream: a
                    region: eu-west-1
                    endpointOverride: http://127.0.0.1:4001
                    accessKeyId: ${AWS_KEY}
                    secretAccessKey: ${AWS_SECRET}
                    """, env), camel);
            KinesisEndpoint second = (KinesisEndpoint) KinesisEndpointFactory.endpoint(TestSources.source("b", """
                    stream: b
                    region: us-east-1
                    endpointOverride: http://127.0.0.1:4002
                    accessKeyId: ${AWS_KEY}
                    secretAccessKey: ${AWS_SECRET}
                    """, env), camel);
            first.start();
            second.start();

            assertThat(first.client().serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4001"));
            assertThat(second.client().serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4002"));
            assertThat(second.client().serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
            assertThat(camel.hasEndpoint("tributary-kinesis://a?region=eu-west-1&tributarySource=a")).isSameAs(first);
        }
    }
}
