package io.drp.listing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeJoinTest {

    private static ObjectKey k(String path) {
        int slash = path.indexOf('/');
        return new ObjectKey(path.substring(0, slash), path.substring(slash + 1));
    }

    private static List<String> join(List<String> left, List<String> right) {
        List<String> events = new ArrayList<>();
        MergeJoin.join(left.iterator(), MergeJoinTest::k, right.iterator(), MergeJoinTest::k, new MergeJoin.Visitor<String, String>() {
            public void onlyLeft(String l) { events.add("L " + l); }
            public void onlyRight(String r) { events.add("R " + r); }
            public void both(String l, String r) { events.add("B " + l); }
        });
        return events;
    }

    @Test
    void everyKeyIsVisitedOnceAsLeftRightOrBothInOrder() {
        // given two sorted sides that overlap, with keys only on one side at the start, middle and end
        List<String> left = List.of("a/1", "a/3", "b/1", "c/9");
        List<String> right = List.of("a/0", "a/3", "b/1", "b/2", "d/1");

        // when / then
        assertEquals(List.of("R a/0", "L a/1", "B a/3", "B b/1", "R b/2", "L c/9", "R d/1"), join(left, right));
    }

    @Test
    void containerOrderComesBeforeNameOrder() {
        // "a-b/x" < "a/z" as whole strings ('-' sorts before '/'), but container "a" sorts before "a-b",
        // which is the order both manifests and the per-container listings use
        assertTrue("a-b/x".compareTo("a/z") < 0);
        assertEquals(List.of("L a/z", "R a-b/x"), join(List.of("a/z"), List.of("a-b/x")));
    }

    @Test
    void emptySidesAreHandled() {
        assertEquals(List.of("R x/1"), join(List.of(), List.of("x/1")));
        assertEquals(List.of("L x/1"), join(List.of("x/1"), List.of()));
        assertEquals(List.of(), join(List.of(), List.of()));
    }

    @Test
    void unsortedInputIsRefusedRatherThanPairedWrongly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> join(List.of("a/2", "a/1"), List.of("a/1", "a/2")));
        assertTrue(e.getMessage().contains("'a/1' came after 'a/2'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> join(List.of("a/1"), List.of("a/1", "a/1")));
    }
}
