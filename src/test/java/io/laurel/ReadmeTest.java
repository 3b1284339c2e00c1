package io.laurel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.laurel.common.ErrorCode;

/** The README's error table and {@link ErrorCode} say the same thing. */
class ReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3,6}) \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void errorTableListsEveryCodeWithItsStatus() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Errors"), readme.indexOf("## Operations"));
        Map<Integer, Integer> documented = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            documented.put(Integer.parseInt(row.group(1)), Integer.parseInt(row.group(2)));
        }
        Map<Integer, Integer> actual = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::code, c -> c.status().getStatusCode(), (a, b) -> a, TreeMap::new));
        assertEquals(actual, documented);
    }
}
