package io.kolladoctor.fixes.evacuation;

/**
 * The person at the keyboard during an evacuation: the terminal (with {@code --yes} / {@code --confirm} answering in
 * advance), the TUI's wizard, or a test's scripted answers.
 */
public interface EvacuationOperator {

    /** A yes/no question; true to go on. */
    boolean approve(String question);

    /** Asks for {@code expected} (a host name) to be typed back; true only when it was, exactly. */
    boolean typeBack(String expected, String prompt);

    /** A line of progress or explanation. */
    void say(String line);

    /** One instance's state changed while it moves (the TUI shows these live; the terminal prints them). */
    default void progress(String instance, String state) {
        say("  " + instance + ": " + state);
    }
}
