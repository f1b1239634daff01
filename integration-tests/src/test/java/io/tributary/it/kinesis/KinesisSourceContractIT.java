package io.tributary.it.kinesis;

import io.tributary.it.contract.SourceContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The source contract on kinesis-local: one stream of two shards per source, the device as partition key. The hub
 * finds its credentials through the default AWS provider chain (the aws.accessKeyId and aws.secretAccessKey system
 * properties), the path a config without keys takes.
 */
class KinesisSourceContractIT extends SourceContract {

    private static final int SHARDS = 2;

    private KinesisLocal kinesis;
    private Path checkpoints;
    private final Set<String> streams = ConcurrentHashMap.newKeySet();

    @Override
    protected void startBroker() throws Exception {
        System.setProperty("aws.accessKeyId", KinesisLocal.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", KinesisLocal.SECRET_KEY);
        kinesis = KinesisLocal.start();
        checkpoints = Files.createTempDirectory("kinesis-contract-checkpoints-");
    }

    @Override
    protected void stopBroker() throws IOException {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (kinesis != null) {
            kinesis.close();
        }
        if (checkpoints != null) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Creates the source's stream on first use; the checkpoints stay across the hub restarts of one case. */
    @Override
    protected String protocolYaml(String name) throws Exception {
        if (streams.add(name)) {
            kinesis.createStream(name, SHARDS);
        }
        return """
                type: kinesis
                kinesis:
                  stream: %s
                  region: %s
                  endpointOverride: %s
                  pollInterval: 200ms
                  checkpointDir: %s
                """.formatted(name, KinesisLocal.REGION, kinesis.endpoint(), checkpoints);
    }

    /** PutRecords keeps the order of one partition key's records; the device is the partition key. */
    @Override
    protected void publish(String name, List<Message> messages) {
        kinesis.put(name, messages.stream()
                .map(m -> PutRecordsRequestEntry.builder().partitionKey(m.device()).data(SdkBytes.fromByteArray(m.payload()))
                        .build())
                .toList());
    }
}
