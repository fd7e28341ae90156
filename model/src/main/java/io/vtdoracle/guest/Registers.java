package io.vtdoracle.guest;

/** Offsets and bits of the remapping registers a guest driver programs (VT-d specification §10.4). */
public final class Registers {

    public static final int VER = 0x00;
    public static final int CAP = 0x08;
    public static final int ECAP = 0x10;
    public static final int GCMD = 0x18;
    public static final int GSTS = 0x1C;
    public static final int RTADDR = 0x20;
    public static final int CCMD = 0x28;
    public static final int FSTS = 0x34;
    public static final int FECTL = 0x38;
    public static final int FEDATA = 0x3C;
    public static final int FEADDR = 0x40;
    public static final int FEUADDR = 0x44;
    public static final int IQH = 0x80;
    public static final int IQT = 0x88;
    public static final int IQA = 0x90;
    public static final int ICS = 0x9C;
    public static final int IECTL = 0xA0;
    public static final int IEDATA = 0xA4;
    public static final int IEADDR = 0xA8;
    public static final int IEUADDR = 0xAC;
    public static final int IRTA = 0xB8;
    public static final int IVA = 0xF0;
    public static final int IOTLB = 0xF8;
    public static final int FRCD = 0x220;

    /** GCMD/GSTS bits (§10.4.4, §10.4.5). */
    public static final int TE = 1 << 31;
    public static final int SRTP = 1 << 30;
    public static final int QIE = 1 << 26;
    public static final int IRE = 1 << 25;
    public static final int SIRTP = 1 << 24;
    public static final int CFI = 1 << 23;

    /** FSTS bits (§10.4.9). */
    public static final int PFO = 1;
    public static final int PPF = 1 << 1;
    public static final int IQE = 1 << 4;

    /** FECTL/IECTL bits (§10.4.10, §10.4.21). */
    public static final int IM = 1 << 31;
    public static final int IP = 1 << 30;

    private Registers() {
    }

    /** The offset of fault recording register {@code index}. */
    public static int frcd(int index) {
        return FRCD + 16 * index;
    }
}
