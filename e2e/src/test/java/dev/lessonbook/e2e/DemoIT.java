package dev.lessonbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ./run-local --demo: the scenario of SCENARIO.md against the runtime itself; exit 0 only if it held. */
class DemoIT {

    @Test
    void theDemoRunsTheScenarioAndExitsZeroWhenEveryInvariantHeld() throws Exception {
        try (LocalRuntimeProcess runtime = LocalRuntimeProcess.start(Map.of(), "--demo")) {
            List<ProcessHandle> started = runtime.process().descendants().toList();

            assertThat(runtime.process().waitFor(3, TimeUnit.MINUTES)).as("the demo ends by itself").isTrue();

            assertThat(runtime.process().exitValue()).as("exit status; output:%n%s", String.join("\n", runtime.output()))
                    .isZero();
            assertThat(runtime.output()).contains("Every invariant held.").noneMatch(line -> line.contains("FAIL "));
            assertThat(started).noneMatch(ProcessHandle::isAlive);
        }
    }
}
