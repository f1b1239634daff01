package io.tributary.connector.pulsar;

import io.tributary.spec.ConfigValues;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * Builds the source's own {@link PulsarClient} from its options, so that TLS and the token never pass through an
 * endpoint URI (Camel logs those) and each source has its own connection settings. The token goes only into the
 * client's authentication object.
 */
final class PulsarClients {

    private PulsarClients() {
    }

    static PulsarClient create(ConfigValues pulsar) {
        String serviceUrl = pulsar.get(PulsarOptions.SERVICE_URL);
        // no client-side stats: the hub counts messages itself, and the recorder logs its whole config at INFO
        ClientBuilder builder = PulsarClient.builder().serviceUrl(serviceUrl).statsInterval(0, TimeUnit.SECONDS)
                // message listeners run on these threads: one per consumer, so consumers work in parallel
                .listenerThreads(pulsar.get(PulsarOptions.CONSUMERS));
        String token = pulsar.get(PulsarOptions.TOKEN);
        if (token != null) {
            builder.authentication(AuthenticationFactory.token(token));
        }
        if (PulsarOptions.usesTls(serviceUrl)) {
            ConfigValues tls = pulsar.get(PulsarOptions.TLS);
            if (tls.isSet(PulsarTlsOptions.TRUST_CERTS_FILE)) {
                builder.tlsTrustCertsFilePath(tls.get(PulsarTlsOptions.TRUST_CERTS_FILE));
            }
            if (tls.isSet(PulsarTlsOptions.CERT_FILE)) {
                builder.tlsCertificateFilePath(tls.get(PulsarTlsOptions.CERT_FILE));
                builder.tlsKeyFilePath(tls.get(PulsarTlsOptions.KEY_FILE));
            }
            builder.enableTlsHostnameVerification(tls.get(PulsarTlsOptions.HOSTNAME_VERIFICATION));
        }
        try {
            return builder.build();
        } catch (PulsarClientException e) {
            // the message names the service URL at most, never the token
            throw new IllegalStateException("cannot create a Pulsar client for " + serviceUrl + ": " + e.getMessage(), e);
        }
    }
}
