package io.kolladoctor.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.BasicTextImage;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.kolladoctor.app.tui.Canvas.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    record Disk(String host, String label, String size) {
    }

    private static final List<Disk> DISKS = List.of(
            new Disk("stor1", "KOLLA_CEPH_OSD_BOOTSTRAP", "200G"),
            new Disk("stor1", "新加卷", "465.8G"),
            new Disk("stor2", "data", "1T"));

    private static Table<Disk> table() {
        return new Table<>(List.of(
                Table.Column.of("HOST", Disk::host, 4, 10),
                Table.Column.of("LABEL", Disk::label, 5, 0),
                Table.Column.of("SIZE", Disk::size, 4, 8)), Disk::label);
    }

    @Test
    void columnsLineUpWithCjkCellsAndTheSelectedRowIsMarked() {
        Table<Disk> t = table();
        t.rows(DISKS);
        t.key(new KeyStroke(KeyType.ArrowDown));
        BasicTextImage image = new BasicTextImage(new TerminalSize(50, 5));
        t.render(new Canvas(image.newTextGraphics(), new Theme(true, false)), new Rect(0, 0, 50, 5), null);
        List<String> rows = Screens.rows(image);
        assertThat(rows.get(0)).contains("HOST").contains("LABEL").contains("SIZE");
        assertThat(rows.get(2)).startsWith(">").contains("新加卷");
        int sizeColumn = Screens.columnOf(rows.get(0), "SIZE");
        assertThat(Screens.columnOf(rows.get(1), "200G")).isEqualTo(sizeColumn);
        assertThat(Screens.columnOf(rows.get(2), "465.8G")).isEqualTo(sizeColumn);
        assertThat(Screens.columnOf(rows.get(3), "1T")).isEqualTo(sizeColumn);
    }

    @Test
    void narrowTablesShrinkTheWidestColumnAndCutWithAnEllipsis() {
        Table<Disk> t = table();
        t.rows(DISKS);
        BasicTextImage image = new BasicTextImage(new TerminalSize(26, 4));
        t.render(new Canvas(image.newTextGraphics(), new Theme(false, false)), new Rect(0, 0, 26, 4), null);
        List<String> rows = Screens.rows(image);
        assertThat(rows.get(1)).contains("KOLLA_CE~").contains("200G");
        assertThat(rows).allSatisfy(r -> assertThat(Screens.columns(r.stripTrailing())).isLessThanOrEqualTo(26));
    }

    @Test
    void selectionStaysOnTheSameRowWhenRowsChangeAndKeysMoveIt() {
        Table<Disk> t = table();
        t.rows(DISKS);
        t.key(new KeyStroke('G', false, false));
        assertThat(t.selectedRow().label()).isEqualTo("data");
        t.rows(List.of(DISKS.get(2), DISKS.get(0)));
        assertThat(t.selectedRow().label()).isEqualTo("data");
        assertThat(t.selectedIndex()).isZero();
        t.key(new KeyStroke('j', false, false));
        assertThat(t.selectedRow().label()).isEqualTo("KOLLA_CEPH_OSD_BOOTSTRAP");
        t.key(new KeyStroke('g', false, false));
        assertThat(t.selectedIndex()).isZero();
        assertThat(t.key(new KeyStroke('x', false, false))).isFalse();
        t.rows(List.of());
        assertThat(t.selectedRow()).isNull();
    }
}
