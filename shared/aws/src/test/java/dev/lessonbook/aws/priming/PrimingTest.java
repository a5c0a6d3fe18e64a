package dev.lessonbook.aws.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.aws.Incidents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the SnapStart hooks run, in what order, and what a failure does to each. */
class PrimingTest {
    private final List<String> ran = new ArrayList<>();
    private final List<String> incidents = new ArrayList<>();

    @BeforeEach
    void capture() {
        Incidents.writeTo(incidents::add);
    }

    @AfterEach
    void release() {
        Incidents.writeTo(System.out::println);
    }

    private Primer recording(String name) {
        return new Primer() {
            @Override
            public void prime() {
                ran.add("prime " + name);
            }

            @Override
            public void afterRestore() {
                ran.add("restore " + name);
            }
        };
    }

    @Test
    void beforeTheSnapshotEveryPrimerRunsInTheOrderRegistered() {
        Priming priming = Priming.register(recording("table"), recording("stripe"));

        priming.beforeCheckpoint();

        assertThat(ran).containsExactly("prime table", "prime stripe");
    }

    @Test
    void afterARestoreEveryPrimerReadsAgainInTheOrderRegistered() throws Exception {
        Priming priming = Priming.register(recording("table"), recording("stripe"));

        priming.afterRestore();

        assertThat(ran).containsExactly("restore table", "restore stripe");
    }

    @Test
    void aPrimerThatFailsIsCountedAndTheOthersStillRun() {
        Priming priming = Priming.register(Primer.of("broken", () -> {
            throw new IllegalStateException("no table");
        }), recording("stripe"));

        priming.beforeCheckpoint();

        assertThat(ran).containsExactly("prime stripe");
        assertThat(incidents).singleElement().asString()
                .contains("\"PrimingFailed\":1", "\"primer\":\"broken\"", "no table");
    }

    @Test
    void aReReadThatFailsFailsTheRestore() {
        Priming priming = Priming.register(new Primer() {
            @Override
            public void prime() {}

            @Override
            public void afterRestore() {
                throw new IllegalStateException("Parameter Store unreachable");
            }
        }, recording("later"));

        assertThatThrownBy(priming::afterRestore).hasMessage("Parameter Store unreachable");
        assertThat(ran).isEmpty();
    }

    @Test
    void everyRegistrationIsKeptForTheLifeOfTheJvm() {
        Priming priming = Priming.register(recording("kept"));

        assertThat(Priming.registered()).contains(priming);
        assertThat(priming.primers()).hasSize(1);
    }

    @Test
    void onlyTheInitLambdaSnapshotsIsInitialisingForASnapshot() {
        assertThat(Priming.initialisingForSnapshot(name -> Optional.ofNullable(
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start").get(name)))).isTrue();
        assertThat(Priming.initialisingForSnapshot(name -> Optional.ofNullable(
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand").get(name)))).isFalse();
        assertThat(Priming.initialisingForSnapshot(name -> Optional.empty())).isFalse();
    }
}
