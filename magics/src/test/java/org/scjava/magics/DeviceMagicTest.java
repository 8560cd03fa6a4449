package org.scjava.magics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.GpuProbe;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code %device}: the card, its memory and the libtorch flavour without loading libtorch, and {@code %device gpu} as
 * the session's device for {@code %model load} without {@code --device}.
 */
class DeviceMagicTest {

    @AfterEach
    void clearSessionDevice() {
        System.clearProperty(Device.PROPERTY);
    }

    private static Map<String, String> rows(Object table) {
        Table t = (Table) table;
        return IntStream.range(0, t.rowCount()).boxed().collect(Collectors.toMap(
                i -> t.stringColumn("property").get(i), i -> t.stringColumn("value").get(i), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    @Test
    void showsTheDriverTheCardsAndTheLibtorchEachDeviceWouldLoad() {
        Map<String, String> r = rows(new DeviceMagic().run(null, List.of(), null));
        assertThat(r).containsKeys("session device", "GPUs", "CUDA", "DJL engine", "libtorch");
        assertThat(r.get("GPUs")).isEqualTo(Integer.toString(GpuProbe.probe().cards().size()));
        GpuProbe.probe().cards().forEach(c -> assertThat(r.get("gpu(" + c.index() + ")")).contains(c.name()));
        if (r.get("libtorch").startsWith("not loaded")) {
            assertThat(r.get("libtorch for --device cpu")).contains("cpu libtorch");
            assertThat(r.get("libtorch for --device gpu")).isNotBlank();
        } else {
            assertThat(r.get("libtorch")).matches("\\d+\\.\\d+\\.\\d+ (cpu|cu\\d+): .*");
            assertThat(r.get("--device gpu")).startsWith("runs on");
        }
    }

    @Test
    void deviceGpuBecomesTheDefaultOfModelLoad() throws Exception {
        Map<String, String> r = rows(new DeviceMagic().run(null, new ArrayList<>(List.of("gpu")), null));
        assertThat(r.get("session device")).isEqualTo("gpu");
        assertThat(Device.preferred()).isEqualTo(Device.GPU);
        RecordingContext ctx = new RecordingContext();
        new ModelMagic().run(ctx, new ArrayList<>(List.of("load", "torchscript", "/nowhere/m.pt")), null);
        assertThat(ctx.evaluated.get(0)).contains("withDevice(\"gpu\")");
        new DeviceMagic().run(null, new ArrayList<>(List.of("cpu")), null);
        assertThat(Device.preferred()).isEqualTo(Device.CPU);
        assertThatThrownBy(() -> new DeviceMagic().run(null, new ArrayList<>(List.of("tpu")), null))
                .isInstanceOf(MagicException.class).hasMessageContaining("cpu or gpu");
    }

    /** Records what a magic evaluates instead of running it. */
    static final class RecordingContext implements MagicContext {
        final List<String> evaluated = new ArrayList<>();

        @Override
        public Object eval(String code) {
            evaluated.add(code);
            return null;
        }

        @Override
        public List<Variable> variables() {
            return List.of();
        }

        @Override
        public Optional<Object> value(String name) {
            return Optional.empty();
        }

        @Override
        public boolean drop(String name) {
            return false;
        }

        @Override
        public void addToClasspath(Path path) {
        }

        @Override
        public void display(Object value) {
        }

        @Override
        public List<Magic> magics() {
            return List.of();
        }
    }
}
