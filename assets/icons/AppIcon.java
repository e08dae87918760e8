import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;

/**
 * Draws the workbench icon: a small layered network on a blue-violet tile with a padlock for
 * "zero knowledge". Run with {@code java assets/icons/AppIcon.java assets/icons} and copy the
 * PNGs beside this file (Maven packages them into the jar). Kept as code so it can be redrawn.
 */
public class AppIcon {

    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : ".");
        for (int size : new int[] {32, 64, 256}) {
            ImageIO.write(draw(size), "png", new File(dir, "app-icon-" + size + ".png"));
        }
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.scale(s, s);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2563eb), 256, 256, new Color(0x7c3aed)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        double[][] layers = {{70, 128}, {50, 100, 150, 200}, {100, 156}};
        double[] xs = {56, 124, 192};
        g.setColor(new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int l = 0; l + 1 < layers.length; l++) {
            for (double y1 : layers[l]) {
                for (double y2 : layers[l + 1]) {
                    g.draw(new Line2D.Double(xs[l], y1 + 10, xs[l + 1], y2 + 10));
                }
            }
        }
        g.setColor(Color.WHITE);
        for (int l = 0; l < layers.length; l++) {
            for (double y : layers[l]) {
                g.fill(new Ellipse2D.Double(xs[l] - 16, y + 10 - 16, 32, 32));
            }
        }
        // Padlock bottom-left: the proof reveals nothing about the inputs.
        g.setColor(new Color(0xfacc15));
        g.setStroke(new BasicStroke(11f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Arc2D.Double(30, 168, 44, 48, 0, 180, java.awt.geom.Arc2D.OPEN));
        g.fill(new RoundRectangle2D.Double(22, 190, 60, 44, 12, 12));
        g.setColor(new Color(0x7c3aed));
        g.fill(new Ellipse2D.Double(45, 204, 14, 14));
        g.dispose();
        return img;
    }
}
