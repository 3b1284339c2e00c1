package io.laurel.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class StoreRequiredTest {

    @Test
    void withoutAStoreAConnectionStringIsRequiredWithItsReason() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> StoreRequired.check(Optional.empty(), false));
        assertTrue(refused.getMessage().contains("QUARKUS_MONGODB_CONNECTION_STRING is required"));
        assertThrows(IllegalStateException.class, () -> StoreRequired.check(Optional.of(" "), false));
        assertDoesNotThrow(() -> StoreRequired.check(Optional.of("mongodb://db/?replicaSet=rs0"), false));
        assertDoesNotThrow(() -> StoreRequired.check(Optional.empty(), true));
    }
}
