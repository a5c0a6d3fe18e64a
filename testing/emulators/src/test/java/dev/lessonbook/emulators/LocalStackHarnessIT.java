package dev.lessonbook.emulators;

import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same AWS contract on LocalStack (a pinned community 4.x image), when a Docker engine is
 * available; skipped cleanly when it is not (as on our CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackHarnessIT extends AwsBehaviourContract {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse(System.getProperty("localstack.image", "localstack/localstack:4.4.0")))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);

    @Override
    LocalServers.Endpoints endpoints() {
        return new LocalServers.Endpoints(URI.create(LOCALSTACK.getEndpoint().toString()), null, LOCALSTACK.getRegion(), false);
    }
}
