package io.kolladoctor.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.function.Consumer;

/**
 * A question on the prompt line that the next keys answer: a yes/no question (y answers yes, any other key no,
 * as {@code [y/N]} promises) or a text to type back (the {@link Prompt} line editor; Enter gives it, Esc gives
 * null). The console asks one at a time, before any other key is read.
 */
final class Ask {

    private final String question;
    private final Prompt text;
    private final Consumer<String> answer;

    private Ask(String question, Prompt text, Consumer<String> answer) {
        this.question = question;
        this.text = text;
        this.answer = answer;
    }

    /** y (or Y) is yes; anything else, Esc included, is no. */
    static Ask yesNo(String question, Consumer<Boolean> answer) {
        return new Ask(question, null, typed -> answer.accept(typed != null));
    }

    /** What Enter accepts is the answer; Esc (or Backspace on nothing, Ctrl-C) answers null. */
    static Ask text(String question, Consumer<String> answer) {
        return new Ask(question, new Prompt('!', ""), answer);
    }

    String question() {
        return question;
    }

    boolean typed() {
        return text != null;
    }

    /** The text typed so far (typed questions). */
    String sofar() {
        return text == null ? "" : text.text();
    }

    /** Takes a key; true when it answered the question (the answer has been given to the asker). */
    boolean key(KeyStroke k) {
        if (text == null) {
            answer.accept(Keys.is(k, 'y') || Keys.is(k, 'Y') ? "y" : null);
            return true;
        }
        switch (text.key(k)) {
            case ACCEPTED -> answer.accept(text.text());
            case CANCELLED -> answer.accept(null);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The question goes unanswered (the console is closing): no, or nothing typed. */
    void abandon() {
        answer.accept(null);
    }
}
