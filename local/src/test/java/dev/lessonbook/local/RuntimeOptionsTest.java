package dev.lessonbook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {

    @Test
    void withoutArgumentsItServesPort3000FromTheProjectTemplate() {
        assertThat(RuntimeOptions.parse()).isEqualTo(new RuntimeOptions(3000, false, Optional.empty(), Optional.empty()));
    }

    @Test
    void everyOptionIsRead() {
        assertThat(RuntimeOptions.parse("--port", "0", "--demo", "--template", "t.yaml", "--schedule-interval-seconds", "2"))
                .isEqualTo(new RuntimeOptions(0, true, Optional.of(Path.of("t.yaml")), Optional.of(Duration.ofSeconds(2))));
    }

    @Test
    void badArgumentsAreRejectedWithWhatIsWrong() {
        assertThatThrownBy(() -> RuntimeOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> RuntimeOptions.parse("--port", "70000")).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> RuntimeOptions.parse("--port", "x")).hasMessageContaining("--port must be a number: x");
        assertThatThrownBy(() -> RuntimeOptions.parse("--schedule-interval-seconds", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RuntimeOptions.parse("--verbose")).hasMessageContaining("unknown argument --verbose");
    }
}
