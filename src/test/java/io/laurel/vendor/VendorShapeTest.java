package io.laurel.vendor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The shape comparison the vendor suites rely on: it must fail on what a vendor client would trip over. */
class VendorShapeTest {

    static final String SAMPLE = """
            {"data": {"id": "a", "count": 1, "on": 1.5, "ok": true, "when": null,
              "items": [{"code": 1, "tags": ["x"]}]}, "errors": []}""";

    @Test
    void theSameShapeWithOtherValuesAndExtraFieldsMatches() {
        assertDoesNotThrow(() -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "count": 2.5, "on": 7, "ok": false, "when": "any", "extra": {},
                  "items": [{"code": 9, "tags": ["y", "z"]}, {"code": "unchecked"}]}, "errors": [{"x": 1}]}"""));
        assertDoesNotThrow(() -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "count": 2, "on": 7, "ok": false, "when": null, "items": []}, "errors": []}"""));
    }

    @Test
    void aMissingFieldATypeChangeOrANullFails() {
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "on": 7, "ok": false, "when": null, "items": []}, "errors": []}"""));
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": 5, "count": 2, "on": 7, "ok": false, "items": []}, "errors": []}"""));
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "count": "2", "on": 7, "ok": false, "items": []}, "errors": []}"""));
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "count": 2, "on": 7, "ok": null, "items": []}, "errors": []}"""));
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "count": 2, "on": 7, "ok": true, "items": [{"code": 1, "tags": [3]}]},
                 "errors": []}"""));
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": [], "errors": []}"""));
        // A field the vendor shows as null must still be there.
        assertThrows(AssertionFailedError.class, () -> VendorShape.assertShape(SAMPLE, """
                {"data": {"id": "b", "count": 2, "on": 7, "ok": true, "items": []}, "errors": []}"""));
    }
}
