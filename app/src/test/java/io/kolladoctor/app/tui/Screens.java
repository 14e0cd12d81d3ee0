package io.kolladoctor.app.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.TextImage;
import java.util.ArrayList;
import java.util.List;

/** Reading what was drawn, as a terminal would show it (a wide character once, taking two columns). */
final class Screens {

    private Screens() {
    }

    static String row(TextImage image, int row) {
        StringBuilder sb = new StringBuilder();
        int cols = image.getSize().getColumns();
        for (int col = 0; col < cols; col++) {
            TextCharacter c = image.getCharacterAt(col, row);
            String s = c == null ? " " : c.getCharacterString();
            sb.append(s);
            if (!s.isEmpty() && TerminalTextUtils.isCharDoubleWidth(s.charAt(0))) {
                col++;
            }
        }
        return sb.toString();
    }

    static List<String> rows(TextImage image) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < image.getSize().getRows(); r++) {
            rows.add(row(image, r));
        }
        return rows;
    }

    /** Display columns of a line of text as a terminal shows it (CJK two). */
    static int columns(String line) {
        int w = 0;
        for (int i = 0; i < line.length(); i++) {
            w += TerminalTextUtils.isCharDoubleWidth(line.charAt(i)) ? 2 : 1;
        }
        return w;
    }

    /** The display column where {@code needle} starts in {@code line}. */
    static int columnOf(String line, String needle) {
        int i = line.indexOf(needle);
        return i < 0 ? -1 : columns(line.substring(0, i));
    }
}
