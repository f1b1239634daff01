package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class HiveMqConfigTest {

    @Test
    void isValidAgainstTheSchemaShippedWithHiveMq() throws Exception {
        // HiveMQ validates config.xml against this schema at start; a typo would only show there
        URL schema = EmbeddedHiveMQ.class.getClassLoader().getResource("config.xsd");
        assertThat(schema).as("config.xsd in the HiveMQ jar").isNotNull();

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(new StringReader(HiveMqConfig.render(18_830))));
    }

    @Test
    void bindsTheGivenPortOnLoopbackOnly() throws Exception {
        Document config = parse(HiveMqConfig.render(18_830));

        assertThat(value(config, "/hivemq/listeners/tcp-listener/port")).isEqualTo("18830");
        assertThat(value(config, "/hivemq/listeners/tcp-listener/bind-address")).isEqualTo("127.0.0.1");
        assertThat(value(config, "count(/hivemq/listeners/*)")).isEqualTo("1");
    }

    @Test
    void keepsSessionsInMemoryAndRaisesTheQueueLimits() throws Exception {
        Document config = parse(HiveMqConfig.render(1_883));

        assertThat(value(config, "/hivemq/persistence/mode")).isEqualTo("in-memory");
        assertThat(value(config, "/hivemq/mqtt/queued-messages/max-queue-size"))
                .isEqualTo(Long.toString(HiveMqConfig.MAX_QUEUED_MESSAGES_PER_CLIENT));
        assertThat(value(config, "/hivemq/mqtt/receive-maximum/server-receive-maximum")).isEqualTo("65535");
        assertThat(value(config, "/hivemq/anonymous-usage-statistics/enabled")).isEqualTo("false");
    }

    @Test
    void shouldRejectAPortThatIsNotConcrete() {
        assertThatThrownBy(() -> HiveMqConfig.render(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String value(Document document, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, document).trim();
    }
}
