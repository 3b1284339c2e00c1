package io.laurel.delivery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The fields of a manifest object that its Kubernetes API kind does not have, such as a misspelt
 * {@code readOnlyRootFileSystem}: a schema check of types and enumerations passes them, and an apply either drops them
 * silently or (strict field validation) refuses the object. The object is read into the Kubernetes API's Java model
 * (fabric8), which keeps each field it does not know aside; every one of those is reported with its path.
 */
final class UnknownFields {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MODEL = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {
    }

    /** The unknown fields' paths; empty when the model has no class for the kind (custom resources). */
    static Optional<List<String>> of(JsonNode object) {
        KubernetesResource resource = SERIALIZATION.unmarshal(object.toString(), KubernetesResource.class);
        if (resource instanceof GenericKubernetesResource) {
            return Optional.empty();
        }
        List<String> unknown = new ArrayList<>();
        walk(resource, "", unknown);
        return Optional.of(unknown);
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> walk(item, path + "." + key, unknown));
        } else if (value != null && value.getClass().getName().startsWith(MODEL)) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() != 0) {
                    continue;
                }
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) call(getter, value)).keySet().forEach(key -> unknown.add(path + "." + key));
                } else if (getter.isAnnotationPresent(JsonProperty.class)) {
                    walk(call(getter, value), path + "." + getter.getAnnotation(JsonProperty.class).value(), unknown);
                }
            }
        }
    }

    private static Object call(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " failed", e);
        }
    }
}
