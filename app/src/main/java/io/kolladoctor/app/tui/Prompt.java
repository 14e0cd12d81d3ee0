package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * The one-line editor of {@code /} (filter or search) and {@code :} (jump to a view): typing, Backspace,
 * Ctrl-U (clear), Ctrl-W (delete a word); Enter accepts, Esc cancels.
 */
public final class Prompt {

    /** What a key did to the prompt. */
    public enum Outcome { EDITED, ACCEPTED, CANCELLED, IGNORED }

    private final char sigil;
    private final StringBuilder text;

    public Prompt(char sigil, String initial) {
        this.sigil = sigil;
        this.text = new StringBuilder(initial == null ? "" : initial);
    }

    public char sigil() {
        return sigil;
    }

    public String text() {
        return text.toString();
    }

    public void set(String value) {
        text.setLength(0);
        text.append(value);
    }

    public Outcome key(KeyStroke k) {
        if (k.getKeyType() == KeyType.Enter) {
            return Outcome.ACCEPTED;
        }
        if (k.getKeyType() == KeyType.Escape || Keys.ctrl(k, 'c') || Keys.ctrl(k, 'g')) {
            return Outcome.CANCELLED;
        }
        if (k.getKeyType() == KeyType.Backspace) {
            if (text.length() == 0) {
                return Outcome.CANCELLED;
            }
            text.setLength(text.length() - 1);
            return Outcome.EDITED;
        }
        if (Keys.ctrl(k, 'u')) {
            text.setLength(0);
            return Outcome.EDITED;
        }
        if (Keys.ctrl(k, 'w')) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            while (end > 0 && text.charAt(end - 1) != ' ') {
                end--;
            }
            text.setLength(end);
            return Outcome.EDITED;
        }
        if (k.getKeyType() == KeyType.Character && !k.isCtrlDown() && !k.isAltDown()) {
            text.append(k.getCharacter());
            return Outcome.EDITED;
        }
        return Outcome.IGNORED;
    }
}
