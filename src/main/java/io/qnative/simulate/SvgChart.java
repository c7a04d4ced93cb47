package io.qnative.simulate;

import java.util.List;
import java.util.Locale;

/**
 * The simulation as an SVG line chart: the load of the scaling metric (right axis) against the desired and the ready
 * pods (left axis) over time, panic-mode periods shaded, axes labelled. Plain SVG 1.1, no scripts or fonts.
 */
final class SvgChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 80;
    private static final int TOP = 60;
    private static final int BOTTOM = 60;
    private static final String LOAD_COLOR = "#7f8fa6";
    private static final String DESIRED_COLOR = "#d35400";
    private static final String READY_COLOR = "#1e8449";
    private static final String PANIC_COLOR = "#f5b7b1";

    private SvgChart() {
    }

    /** The chart of {@code sim}, titled with {@code title}; {@code loadName} labels the right axis. */
    static String render(Simulation sim, String title, String loadName) {
        List<Simulation.Point> pts = sim.points();
        double t0 = pts.get(0).t();
        double t1 = Math.max(pts.get(pts.size() - 1).t(), t0 + 1);
        int maxPods = 1;
        double maxLoad = 0;
        for (Simulation.Point p : pts) {
            maxPods = Math.max(maxPods, Math.max(p.desired(), p.ready()));
            maxLoad = Math.max(maxLoad, p.load());
        }
        double podStep = Math.max(1, niceStep(maxPods, 6));
        double podTop = Math.ceil(maxPods / podStep) * podStep;
        podTop += podTop <= maxPods ? podStep : 0; // headroom, so the top line does not run along the frame
        double loadStep = niceStep(Math.max(maxLoad, 1), 6);
        double loadTop = Math.ceil(maxLoad / loadStep) * loadStep;
        loadTop += loadTop <= maxLoad ? loadStep : 0;
        double timeStep = niceStep(t1 - t0, 10);
        Scale x = new Scale(t0, t1, LEFT, WIDTH - RIGHT);
        Scale yPods = new Scale(0, podTop, HEIGHT - BOTTOM, TOP);
        Scale yLoad = new Scale(0, loadTop, HEIGHT - BOTTOM, TOP);

        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s"
                + "</text>%n", LEFT, escape(title)));
        shadePanic(b, pts, x);
        axes(b, x, yPods, yLoad, podStep, podTop, loadStep, loadTop, t0, t1, timeStep, loadName);
        // series
        b.append(step(pts, x, yLoad, Simulation.Point::load, LOAD_COLOR, 1.5, "4 3"));
        b.append(step(pts, x, yPods, p -> p.ready() < 0 ? Double.NaN : p.ready(), READY_COLOR, 2.5, null));
        b.append(step(pts, x, yPods, p -> p.desired() < 0 ? Double.NaN : p.desired(), DESIRED_COLOR, 2, null));
        // legend
        int lx = LEFT;
        int ly = 42;
        lx = legend(b, lx, ly, DESIRED_COLOR, "desired pods", false);
        lx = legend(b, lx, ly, READY_COLOR, "ready pods", false);
        lx = legend(b, lx, ly, LOAD_COLOR, escape(loadName) + " (right axis)", false);
        legend(b, lx, ly, PANIC_COLOR, "panic mode", true);
        b.append("</svg>\n");
        return b.toString();
    }

    /** Grid lines, ticks and labels of the three axes, and the frame. */
    private static void axes(StringBuilder b, Scale x, Scale yPods, Scale yLoad, double podStep, double podTop,
            double loadStep, double loadTop, double t0, double t1, double timeStep, String loadName) {
        for (double v = 0; v <= podTop + 1e-9; v += podStep) {
            double y = yPods.at(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
                    + "%n<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, WIDTH - RIGHT, y,
                    LEFT - 8, y + 4, label(v)));
        }
        for (double v = 0; v <= loadTop + 1e-9; v += loadStep) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                    WIDTH - RIGHT + 8, yLoad.at(v) + 4, LOAD_COLOR, label(v)));
        }
        for (double v = Math.ceil(t0 / timeStep) * timeStep; v <= t1 + 1e-9; v += timeStep) {
            double px = x.at(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>"
                    + "%n<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, HEIGHT - BOTTOM, px,
                    HEIGHT - BOTTOM + 5, px, HEIGHT - BOTTOM + 19, label(v)));
        }
        b.append(String.format(Locale.ROOT, "<path d=\"M%d %d V%d H%d V%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, HEIGHT - BOTTOM, WIDTH - RIGHT, TOP));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time (s)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - BOTTOM + 40));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %d) rotate(-90)\" text-anchor=\"middle\">"
                + "pods</text>%n", 22, (TOP + HEIGHT - BOTTOM) / 2));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %d) rotate(90)\" text-anchor=\"middle\" "
                + "fill=\"%s\">%s</text>%n", WIDTH - 22, (TOP + HEIGHT - BOTTOM) / 2, LOAD_COLOR, escape(loadName)));
    }

    /** A shaded band for every run of points in panic mode. */
    private static void shadePanic(StringBuilder b, List<Simulation.Point> pts, Scale x) {
        for (int i = 0; i < pts.size(); i++) {
            if (!pts.get(i).panic()) {
                continue;
            }
            int j = i;
            while (j + 1 < pts.size() && pts.get(j + 1).panic()) {
                j++;
            }
            double end = j + 1 < pts.size() ? pts.get(j + 1).t() : pts.get(j).t();
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                    + "fill-opacity=\"0.5\"/>%n", x.at(pts.get(i).t()), TOP, Math.max(1, x.at(end)
                    - x.at(pts.get(i).t())), HEIGHT - TOP - BOTTOM, PANIC_COLOR));
            i = j;
        }
    }

    private static int legend(StringBuilder b, int x, int y, String color, String text, boolean box) {
        if (box) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"10\" fill=\"%s\"/>%n",
                    x, y - 9, color));
        } else {
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2.5\"/>%n", x, y - 4, x + 18, y - 4, color));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 24, y, text));
        return x + 24 + 7 * text.length() + 24;
    }

    private interface Value {
        double of(Simulation.Point p);
    }

    /** A step line through the points; NaN values break it. */
    private static String step(List<Simulation.Point> pts, Scale x, Scale y, Value v, String color, double width,
            String dash) {
        StringBuilder d = new StringBuilder();
        boolean open = false;
        double lastY = 0;
        for (Simulation.Point p : pts) {
            double val = v.of(p);
            if (Double.isNaN(val)) {
                open = false;
                continue;
            }
            double px = x.at(p.t());
            double py = y.at(val);
            if (!open) {
                d.append(String.format(Locale.ROOT, "M%.1f %.1f", px, py));
                open = true;
            } else {
                d.append(String.format(Locale.ROOT, " H%.1f", px));
                if (py != lastY) {
                    d.append(String.format(Locale.ROOT, " V%.1f", py));
                }
            }
            lastY = py;
        }
        if (d.length() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                d, color, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    /** 1, 2 or 5 times a power of ten, giving at most about {@code count} steps over {@code range}. */
    static double niceStep(double range, int count) {
        double raw = Math.max(range, 1e-9) / count;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return Math.max(m * p, 1e-6);
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Scale(double from, double to, double px0, double px1) {
        double at(double v) {
            return px0 + (v - from) / (to - from) * (px1 - px0);
        }
    }
}
