package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Reading key strokes the way operators type them (vim, less, k9s). */
public final class Keys {

    private Keys() {
    }

    /** A plain character key (no Ctrl, no Alt). */
    public static boolean is(KeyStroke k, char c) {
        return k.getKeyType() == KeyType.Character && k.getCharacter() == c && !k.isCtrlDown() && !k.isAltDown();
    }

    public static boolean ctrl(KeyStroke k, char c) {
        return k.getKeyType() == KeyType.Character && k.isCtrlDown() && Character.toLowerCase(k.getCharacter()) == c;
    }

    public static boolean type(KeyStroke k, KeyType type) {
        return k.getKeyType() == type;
    }

    public static boolean up(KeyStroke k) {
        return type(k, KeyType.ArrowUp) || is(k, 'k') || ctrl(k, 'p');
    }

    public static boolean down(KeyStroke k) {
        return type(k, KeyType.ArrowDown) || is(k, 'j') || ctrl(k, 'n');
    }

    public static boolean pageUp(KeyStroke k) {
        return type(k, KeyType.PageUp) || ctrl(k, 'b') || is(k, 'b');
    }

    public static boolean pageDown(KeyStroke k) {
        return type(k, KeyType.PageDown) || ctrl(k, 'f') || is(k, ' ');
    }

    public static boolean home(KeyStroke k) {
        return type(k, KeyType.Home) || is(k, 'g');
    }

    public static boolean end(KeyStroke k) {
        return type(k, KeyType.End) || is(k, 'G');
    }

    public static boolean enter(KeyStroke k) {
        return type(k, KeyType.Enter);
    }
}
