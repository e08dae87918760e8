import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packs the PNG icons drawn by assets/icons/AppIcon.java into the Windows .ico and macOS .icns
 * containers jpackage wants there. Both formats may hold PNG data as is (Windows Vista+,
 * macOS 10.7+), so no image conversion and no platform tool (iconutil, ImageMagick) is needed:
 *
 *   java installer/PlatformIcons.java assets/icons
 */
public class PlatformIcons {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/icons");
        byte[] p32 = Files.readAllBytes(dir.resolve("app-icon-32.png"));
        byte[] p64 = Files.readAllBytes(dir.resolve("app-icon-64.png"));
        byte[] p256 = Files.readAllBytes(dir.resolve("app-icon-256.png"));
        Files.write(dir.resolve("app-icon.ico"), ico(new int[] {32, 64, 256}, new byte[][] {p32, p64, p256}));
        // icp5 = 32x32, icp6 = 64x64, ic08 = 256x256, all PNG-encoded.
        Files.write(dir.resolve("app-icon.icns"), icns(new String[] {"icp5", "icp6", "ic08"}, new byte[][] {p32, p64, p256}));
    }

    /** ICONDIR + one ICONDIRENTRY per image (little-endian), then the PNG bytes. */
    static byte[] ico(int[] sizes, byte[][] pngs) {
        int header = 6 + 16 * pngs.length;
        int total = header;
        for (byte[] p : pngs) {
            total += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) pngs.length);
        int offset = header;
        for (int i = 0; i < pngs.length; i++) {
            int s = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256 in a one-byte field
            b.put((byte) s).put((byte) s).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        for (byte[] p : pngs) {
            b.put(p);
        }
        return b.array();
    }

    /** 'icns' + total length, then (type, 8 + length, data) per image, all big-endian. */
    static byte[] icns(String[] types, byte[][] pngs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (int i = 0; i < pngs.length; i++) {
            out.writeBytes(types[i]);
            out.writeInt(8 + pngs[i].length);
            out.write(pngs[i]);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.writeBytes("icns");
        f.writeInt(8 + body.size());
        body.writeTo(f);
        return file.toByteArray();
    }
}
