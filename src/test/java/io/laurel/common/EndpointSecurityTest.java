package io.laurel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import io.quarkus.security.Authenticated;

/**
 * quarkus.security.jaxrs.deny-unannotated-endpoints refuses every endpoint that names no caller; this checks that
 * each resource method names one, on itself or its class, so that none is refused by accident and none is open.
 */
class EndpointSecurityTest {

    private static final List<Class<? extends Annotation>> HTTP = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class);
    private static final List<Class<? extends Annotation>> WHO = List.of(PermitAll.class, Authenticated.class,
            RolesAllowed.class, DenyAll.class);

    @Test
    void everyResourceMethodNamesWhoMayCallIt() throws Exception {
        Path classes = Path.of("target/classes");
        List<String> unnamed = new ArrayList<>();
        int methods = 0;
        for (Class<?> type : laurelClasses(classes)) {
            if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (HTTP.stream().noneMatch(method::isAnnotationPresent)) {
                    continue;
                }
                methods++;
                if (!names(method) && !names(type)) {
                    unnamed.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(methods > 25, "found only " + methods + " resource methods");
        assertEquals(List.of(), unnamed);
    }

    private static boolean names(AnnotatedElement element) {
        return WHO.stream().anyMatch(element::isAnnotationPresent);
    }

    private static List<Class<?>> laurelClasses(Path root) throws IOException, ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/laurel"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                found.add(Class.forName(name, false, EndpointSecurityTest.class.getClassLoader()));
            }
        }
        return found;
    }
}
