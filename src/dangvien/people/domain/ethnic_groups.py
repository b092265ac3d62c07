"""The 54 ethnic groups of Vietnam ("dân tộc"), in the General Statistics Office order.

Labels are the names of the GSO list (Quyết định 121-TCTK/PPCĐ, 1979) as written in
current statistics. Variants are other spellings and the old or local names from that list;
old names shared by two groups (Thổ, Xá Khao, Mun Di, Xá Lá Vàng, Trại, Lao...) are
left out on purpose, since accepting them would silently pick one of the two.
"""

from __future__ import annotations

from dangvien.core.domain.vocabulary import Term, Vocabulary

# (code, Vietnamese label, English label, variants); the position is the GSO number.
_GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("kinh", "Kinh", "Kinh (Viet)", ("Việt", "Người Việt")),
    ("tay", "Tày", "Tay", ("Ngạn", "Phén", "Thù Lao", "Pa Dí")),
    ("thai", "Thái", "Thai (Tai)", ("Tai", "Thái Trắng", "Thái Đen", "Tày Khao", "Tày Đăm")),
    ("hoa", "Hoa", "Hoa (Chinese)", ("Hán", "Người Hoa", "Triều Châu", "Phúc Kiến", "Xạ Phạng")),
    ("khmer", "Khmer", "Khmer", ("Khơ-me", "Khơ me", "Khmer Krom", "Khơ-me Krôm", "Việt gốc Miên")),
    ("muong", "Mường", "Muong", ("Mol", "Mual", "Ao Tá")),
    ("nung", "Nùng", "Nung", ("Xuồng", "Nùng An", "Phàn Sinh", "Nùng Cháo", "Nùng Lòi")),
    ("mong", "Mông", "Hmong", ("H'Mông", "HMông", "Hmông", "Mèo", "Mèo Hoa", "Ná Mẻo")),
    ("dao", "Dao", "Dao (Yao)", ("Yao", "Mán", "Dao Đỏ", "Dao Tiền", "Dao Quần Chẹt", "Thanh Y")),
    ("gia_rai", "Gia Rai", "Jarai", ("Gia-rai", "Jrai", "Giơ-rai", "Chơ-rai", "Hơ-bau")),
    ("ngai", "Ngái", "Ngai", ("Khách Gia",)),
    ("e_de", "Ê Đê", "Ede (Rhade)", ("Êđê", "Ê-đê", "Rhade", "Rhadé", "Ra-đê", "Kpạ", "Bih")),
    ("ba_na", "Ba Na", "Bahnar", ("Bana", "Ba-na", "Gơ-lar", "Rơ-ngao", "Giơ-lâng", "Tơ-lô")),
    ("xo_dang", "Xơ Đăng", "Sedang", ("Xơ-đăng", "Xê Đăng", "Xơ-teng", "Ca-dong", "Hđang")),
    ("san_chay", "Sán Chay", "San Chay", ("Cao Lan", "Sán Chỉ", "Cao Lan - Sán Chỉ", "Hờn Bạn")),
    ("co_ho", "Cơ Ho", "Koho", ("Cơ-ho", "K'Ho", "Kơ Ho", "Xrê", "Nốp", "Cơ-don")),
    ("cham", "Chăm", "Cham", ("Chàm", "Chiêm Thành", "Hroi", "Chăm Hroi")),
    ("san_diu", "Sán Dìu", "San Diu", ("Sán Dẻo", "Trại Đất", "Mán Quần Cộc")),
    ("hre", "Hrê", "Hre", ("H'rê", "Chăm Rê", "Krẹ Lũy")),
    ("mnong", "Mnông", "Mnong", ("M'Nông", "Pnông", "Bu Đâng", "Biat", "Rơ-lam")),
    ("raglay", "Raglay", "Raglai", ("Ra-glai", "Ra Glai", "Raglai", "Ra-clây", "La-oang")),
    ("xtieng", "Xtiêng", "Stieng", ("X'tiêng", "Stiêng", "Xa-điêng")),
    ("bru_van_kieu", "Bru-Vân Kiều", "Bru-Van Kieu", ("Bru", "Vân Kiều", "Măng Coong", "Tri Khùa")),
    ("tho", "Thổ", "Tho", ("Kẹo", "Mọn", "Cuối", "Đan Lai", "Ly Hà", "Tày Pọng", "Con Kha")),
    ("giay", "Giáy", "Giay", ("Nhắng", "Dẩng", "Pầu Thìn Nu Nà", "Cùi Chu")),
    ("co_tu", "Cơ Tu", "Katu", ("Cơ-tu", "Ca Tu", "Ca-tu", "Kơ Tu")),
    ("gie_trieng", "Gié Triêng", "Gie Trieng", ("Gié-Triêng", "Giẻ Triêng", "Ta-riêng", "Đgiéh")),
    ("ma", "Mạ", "Ma", ("Châu Mạ", "Mạ Ngăn", "Mạ Xóp", "Mạ Tô", "Mạ Krung")),
    ("kho_mu", "Khơ Mú", "Khmu", ("Khơ-mú", "Khmu", "Xá Cẩu", "Mứn Xen", "Pu Thênh", "Tày Hay")),
    ("co", "Co", "Cor", ("Cor", "Col", "Cùa", "Trầu")),
    ("ta_oi", "Tà Ôi", "Ta Oi", ("Tà-ôi", "Tôi-ôi", "Pa Cô", "Pa Hy", "Ba-hi")),
    ("cho_ro", "Chơ Ro", "Cho Ro", ("Chơ-ro", "Châu Ro", "Dơ-ro", "Chrau")),
    ("khang", "Kháng", "Khang", ("Xá Súa", "Xá Dón", "Xá Dẩng", "Xá Hốc", "Xá Ái", "Xá Bung")),
    ("xinh_mun", "Xinh Mun", "Xinh Mun", ("Xinh-mun", "Puộc", "Pụa")),
    ("ha_nhi", "Hà Nhì", "Ha Nhi", ("U Ni", "Xá U Ni", "Hani")),
    ("chu_ru", "Chu Ru", "Chu Ru", ("Chu-ru", "Chơ Ru", "Chru")),
    ("lao", "Lào", "Lao", ("Lào Bốc", "Lào Nọi")),
    ("la_chi", "La Chí", "La Chi", ("Cù Tê", "La Quả")),
    ("la_ha", "La Ha", "La Ha", ("Khlá Phlạo",)),
    ("phu_la", "Phù Lá", "Phu La", ("Bồ Khô Pạ", "Xá Phó", "Pạ Xá")),
    ("la_hu", "La Hủ", "Lahu", ("Khù Xung", "Cò Xung", "Khả Quy")),
    ("lu", "Lự", "Lu", ("Lừ", "Nhuồn Duôn")),
    ("lo_lo", "Lô Lô", "Lo Lo", ("Lô-lô", "Ô Man", "Lu Lộc Màn")),
    ("chut", "Chứt", "Chut", ("Sách", "Rục", "Mã Liềng", "A-rem", "Tu Vang", "Pa Leng")),
    ("mang", "Mảng", "Mang", ("Mảng Ư", "Xá Mảng")),
    ("pa_then", "Pà Thẻn", "Pa Then", ("Pà Hưng", "Tống")),
    ("co_lao", "Cơ Lao", "Co Lao", ("Cờ Lao", "Gelao")),
    ("cong", "Cống", "Cong", ("Xắm Khống", "Mấng Nhé", "Xá Xeng")),
    ("bo_y", "Bố Y", "Bo Y", ("Bố-y", "Chủng Chá", "Trọng Gia", "Tu Dí", "Tu Din", "Bouyei")),
    ("si_la", "Si La", "Si La", ("Cù Dề Xừ", "Khả Pẻ")),
    ("pu_peo", "Pu Péo", "Pu Peo", ("Ka Pèo", "Pen Ti Lô Lô")),
    ("brau", "Brâu", "Brau", ("Brao",)),
    ("o_du", "Ơ Đu", "O Du", ("Ơ-đu", "Tày Hạt")),
    ("ro_mam", "Rơ Măm", "Ro Mam", ("Rơ-măm",)),
)

ETHNIC_GROUPS: Vocabulary[Term] = Vocabulary(
    "dân tộc",
    (
        Term(code, label, label_en, variants, order=number)
        for number, (code, label, label_en, variants) in enumerate(_GROUPS, start=1)
    ),
    prefixes=("Dân tộc", "Người"),
)

MAJORITY_GROUP = "kinh"


def is_ethnic_minority(code: str) -> bool:
    """Return whether `code` is an ethnic minority ("dân tộc thiểu số"); KeyError if unknown."""
    return ETHNIC_GROUPS.get(code).code != MAJORITY_GROUP
