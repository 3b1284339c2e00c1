package io.laurel.common;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Tracing is off unless an OTLP endpoint is configured: without one, the OpenTelemetry SDK would export to
 * localhost:4317 and log a failure for every batch. Setting {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} (or the
 * traces one) turns it on; an explicit {@code QUARKUS_OTEL_SDK_DISABLED} wins either way (this source ranks below
 * every other).
 */
public final class TracingSwitch implements ConfigSourceFactory {

    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingSwitch::given);
        return List.of(new PropertiesConfigSource(Map.of(DISABLED, Boolean.toString(!configured)),
                "laurel tracing switch", 1));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(1);
    }

    static boolean given(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && !value.isDefault();
    }
}
