package triage

import "testing"

// core18-c (issue 12, the urgent route): the core forms of every urgent kind
// in Japanese, Korean, Thai, Vietnamese, Indonesian, Khmer, Lao and Burmese,
// the languages whose lists are the only safety net of people who cannot use
// the desk's languages. Each urgent message below was not urgent at a9cbd5bf
// (suicides: not read by the lists); each decoy holds a new form in an
// ordinary meaning and stays calm.

func TestCore18CSuicide(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"vi", "not caring to live, a jump", "anh ơi em không thiết sống nữa, tối nay em nhảy lầu"},
		{"vi", "a suicide note", "em viết xong thư tuyệt mệnh rồi"},
		{"vi", "a strip of pills, to die", "e nuot het vi thuoc roi, de chet cho xong"},
		{"vi", "a novel in another sentence", "Đọc tiểu thuyết xong. Em viết thư tuyệt mệnh rồi"},
		{"id", "a goodbye letter", "aku udah nulis surat perpisahan buat mama"},
		{"id", "ending it all tonight", "malam ini aku akhiri semuanya, maaf ya"},
		{"id", "a jump from a floor", "aku mau loncat dari lantai 8 sekarang"},
		{"id", "cutting oneself", "aku barusan sayat tanganku lagi"},
		{"id", "pills to die", "tadi minum obat banyak biar mati aja"},
		{"ja", "ending it all tonight", "今夜すべて終わりにする"},
		{"ja", "a train", "電車に飛び込む"},
		{"ja", "pills to die", "薬を全部飲んだ、死ぬために"},
		{"ja", "self-harm in chat", "またリスカした"},
		{"ja", "a report in another sentence", "レポートが終わらない。またリスカした"},
		{"ko", "ending it all tonight", "오늘 밤 다 끝낼 거예요"},
		{"ko", "a will written", "유서 썼어요"},
		{"ko", "a jump from a bridge", "한강 다리에서 뛰어내릴 거야"},
		{"ko", "pills to die", "약을 한 통 다 먹었어요 죽으려고"},
		{"ko", "not wanting to live", "더 이상 살기 싫어"},
		{"ko", "a wrist cut", "손목 그었어"},
		{"th", "ending it all tonight", "คืนนี้จะจบทุกอย่าง"},
		{"th", "a suicide note", "เขียนจดหมายลาตายแล้ว"},
		{"th", "a jump from a bridge", "จะกระโดดสะพาน"},
		{"th", "a strip of pills to die", "กินยาทั้งแผงเพื่อจะตาย"},
		{"th", "cutting oneself (the net alone before)", "กรีดแขนตัวเองอีกแล้ว"},
		{"km", "ending everything tonight", "យប់នេះខ្ញុំនឹងបញ្ចប់អ្វីៗទាំងអស់"},
		{"km", "a jump from a bridge", "ខ្ញុំនឹងលោតពីលើស្ពាន"},
		{"km", "pills to die", "ខ្ញុំលេបថ្នាំទាំងអស់ដើម្បីស្លាប់"},
		{"km", "cutting oneself", "ខ្ញុំកាត់ដៃខ្លួនឯង"},
		{"lo", "ending it all tonight", "ຄືນນີ້ຈະຈົບທຸກຢ່າງ"},
		{"lo", "a jump from a bridge", "ຈະໂດດຂົວ"},
		{"lo", "a strip of pills to die", "ກິນຢາໝົດແຜງເພື່ອຈະຕາຍ"},
		{"lo", "a suicide note", "ຂຽນຈົດໝາຍລາຕາຍແລ້ວ"},
		{"my", "ending it all tonight", "ဒီည အားလုံးကို အဆုံးသတ်မယ်"},
		{"my", "a jump from a bridge", "တံတားပေါ်က ခုန်ချမယ်"},
		{"my", "cutting oneself", "လက်ကို ဓားနဲ့ လှီးလိုက်တယ်"},
	})
}

func TestCore18CUrgent(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"vi", "child burnt with cigarettes", "thằng cha dượng dí thuốc lá vào tay con bé 5 tuổi"},
		{"vi", "child fell, not moving", "em bé ngã từ cầu thang giờ không khóc không cử động"},
		{"vi", "punched, at the door", "chồng em đấm em chảy máu mũi, giờ đang đập cửa ngoài via Roma 3"},
		{"vi", "a hammer at the door", "chồng em cầm búa đập cửa phòng em"},
		{"vi", "stroke", "bố em tự nhiên méo miệng nói ngọng, tay không nhấc được"},
		{"vi", "won't wake, a strip of pills", "mẹ em gọi không tỉnh, uống cả vỉ thuốc ngủ"},
		{"vi", "fell from height", "bà em ngã từ tầng 2 xuống"},
		{"vi", "made to stand in the street for a debt", "capo bắt em đứng đường để trả nợ tiền vé"},
		{"vi", "unpaid, the police threatened", "3 tháng không trả lương, capo nói em mà đi là báo công an bắt"},
		{"vi", "tailed at night", "đêm khuya có người bám theo em từ ga Termini"},
		{"id", "a baby fell, not moving", "bayiku jatuh dari kasur sekarang gak gerak"},
		{"id", "stabbed", "aku ditusuk pacarku di via Roma 3"},
		{"id", "stroke", "bapak tiba2 mulutnya mencong, bicaranya pelo"},
		{"id", "won't wake", "ibu gak bangun-bangun, udah dibangunin"},
		{"id", "fell from a roof", "tukang jatuh dari atap di cantiere"},
		{"id", "bleeding", "darahnya gak berhenti dari tadi"},
		{"id", "the street for a debt", "capo suruh aku mangkal tiap malam buat bayar utang"},
		{"id", "unpaid, beaten if she runs", "gaji 4 bulan belum dibayar, bos bilang kalau kabur nanti dipukul"},
		{"id", "tailed at night", "aku dibuntuti orang dari stazione, tengah malam"},
		{"ja", "cigarette burns", "子どもの腕にタバコの火を押し付けられた跡がある"},
		{"ja", "kicked, hair pulled", "夫に蹴られて髪を引っ張られた"},
		{"ja", "won't wake", "呼んでも起きない"},
		{"ja", "stroke", "ろれつが回らない、顔が片方下がってる"},
		{"ja", "fell from scaffolding", "足場から落ちた"},
		{"ja", "passport taken", "パスポートを取り上げられた"},
		{"ja", "forced to sell sex", "体を売らされている"},
		{"ja", "a tail on a dark street", "夜道で誰かに後をつけられてる"},
		{"ko", "cigarette burns", "우리 애 팔에 담뱃불 자국이 있어요"},
		{"ko", "dragged by the hair", "전 남편이 머리채를 잡고 끌고 다녔어요"},
		{"ko", "won't wake", "불러도 안 일어나요"},
		{"ko", "bleeding", "피가 안 멈춰요"},
		{"ko", "fell from scaffolding", "비계에서 떨어졌어요"},
		{"ko", "unpaid, beaten if he quits", "월급 3개월 못 받았는데 그만두면 때린대요"},
		{"ko", "chased home at night", "밤에 모르는 남자가 집까지 쫓아왔어요 무서워"},
		{"th", "cigarette burns", "ลูกโดนจี้บุหรี่ที่แขน"},
		{"th", "home alone for days", "ลูก 4 ขวบอยู่บ้านคนเดียว 3 วันแล้ว"},
		{"th", "days without food", "ลูกไม่ได้กินข้าวมาสองวัน"},
		{"th", "slapped by a partner", "ผัวตบหน้า"},
		{"th", "won't wake", "เรียกไม่ตื่น"},
		{"th", "bleeding", "เลือดไหลไม่หยุด"},
		{"th", "stroke", "ปากเบี้ยว พูดไม่ชัด"},
		{"th", "fell from scaffolding", "ตกนั่งร้าน"},
		{"th", "forced to sell sex", "ถูกบังคับขายตัว"},
		{"th", "a tail in the dark", "มีคนตามฉันมา มืดแล้ว"},
		{"km", "won't wake", "ដាស់មិនភ្ញាក់"},
		{"km", "bleeding", "ឈាមហូរមិនឈប់"},
		{"km", "waters broke", "បែកទឹកភ្លោះ"},
		{"km", "fell from a building", "ធ្លាក់ពីលើអគារ"},
		{"km", "forced to sell sex", "បង្ខំឱ្យលក់ខ្លួន"},
		{"lo", "won't wake", "ປຸກບໍ່ຕື່ນ"},
		{"lo", "bleeding", "ເລືອດໄຫຼບໍ່ຢຸດ"},
		{"lo", "fell from height", "ຕົກຈາກທີ່ສູງ"},
		{"lo", "forced to sell sex", "ບັງຄັບໃຫ້ຂາຍຕົວ"},
		{"my", "a knife, a death threat", "ဓားနဲ့ သတ်မယ်လို့ ခြိမ်းခြောက်တယ်"},
		{"my", "won't wake", "နှိုးလို့ မနိုးဘူး"},
		{"my", "bleeding", "သွေးတွေ မရပ်ဘူး"},
		{"my", "fell from height", "အမြင့်ကနေ ပြုတ်ကျတယ်"},
	})
}

func TestCore18CDecoys(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"vi", "a film", "phim này có cảnh nhảy lầu ghê quá"},
		{"vi", "a novel", "ông ấy viết thư tuyệt mệnh trong tiểu thuyết của Nam Cao"},
		{"vi", "childhood", "hồi nhỏ em bị ngã cầu thang gãy tay"},
		{"vi", "a wry smile", "anh ấy cười méo miệng khi nghe tin"},
		{"vi", "meeting clients", "em nợ bạn 200 euro, tối nay đi gặp khách ở via Roma"},
		{"vi", "someone coming along", "trời tối rồi, có người đi theo em ra bến xe nên yên tâm"},
		{"vi", "homework", "bài tập này khó quá, em không thể tiếp tục được nữa"},
		{"vi", "waiting by the road", "em đứng chờ bên đường trước questura, nợ tiền taxi"},
		{"id", "a horror film", "film horor tadi ada adegan loncat dari lantai atas"},
		{"id", "a novel", "dia menulis surat perpisahan di novel itu tahun lalu"},
		{"id", "childhood", "waktu kecil aku jatuh dari atap rumah nenek"},
		{"id", "a shy smile", "senyumnya mencong kalau lagi malu"},
		{"id", "a baby's lunch", "bayiku belum makan dari pagi, makan apa yang bagus?"},
		{"id", "a fall in a question", "jatuh dari tangga itu kecelakaan kerja bukan? tanya soal asuransi"},
		{"ja", "childhood", "子どもの頃に屋根から落ちたことがある"},
		{"ja", "a film", "映画で電車に飛び込むシーンがあった"},
		{"ja", "work, laughing", "この仕事、死ぬために働いてるみたい笑"},
		{"ja", "prescribed pills", "処方された薬を全部飲んだら熱が下がった"},
		{"ja", "drunk", "酔っ払ってろれつが回らない彼氏ｗｗ"},
		{"ja", "a report", "自傷についてのレポートを書いています、大学の授業で"},
		{"ja", "a question about the law", "辞めたら殴るなんて法律違反ですか？一般的な質問です"},
		{"ja", "football", "サッカーの試合で足を蹴られて痛い"},
		{"ko", "a historic city", "유서 깊은 도시 로마에 왔어요"},
		{"ko", "a film", "영화에서 주인공이 다리에서 뛰어내릴 때 울었어요"},
		{"ko", "childhood", "어릴 때 지붕에서 떨어진 적 있어요"},
		{"ko", "homework, laughing", "오늘 밤 다 끝낼 거예요 숙제를 ㅋㅋ"},
		{"ko", "football", "축구하다가 공을 발로 차서 다쳤어요"},
		{"ko", "a question about the law", "그만두면 때린다는 건 불법인가요? 법 질문이에요"},
		{"ko", "work, laughing", "이 일 때문에 죽으려고 해요 ㅋㅋ 너무 바빠서"},
		{"ko", "a puppy", "강아지가 집까지 쫓아왔어요 귀여워"},
		{"th", "a novel", "ในนิยายพระเอกเขียนจดหมายลาตาย"},
		{"th", "a film", "หนังเรื่องนี้มีฉากกระโดดสะพาน"},
		{"th", "childhood", "ตอนเด็กๆ ตกจากหลังคาบ้านยาย"},
		{"th", "paperwork", "งานนี้ไปต่อไม่ไหวแล้ว เอกสารเยอะมาก"},
		{"th", "a child's breakfast", "ลูกไม่ได้กินข้าวมาตั้งแต่เช้า ควรให้กินอะไรดี"},
		{"th", "the worker's own question", "ถ้าลาออกจะได้เงินเดือนคืนไหม นายจ้างไม่จ่ายเงินเดือน"},
		{"th", "a shy smile", "ยิ้มปากเบี้ยวเวลาเขิน"},
		{"th", "someone looking for the writer", "คนขับมืดแล้ว มีคนตามหาฉัน"},
		{"km", "a story", "ក្នុងរឿងនោះ តួឯកលោតពីលើស្ពាន"},
		{"km", "childhood", "កាលពីក្មេង ខ្ញុំធ្លាក់ពីលើដំបូលផ្ទះ"},
		{"km", "the worker's own question", "បើឈប់ធ្វើការ តើខ្ញុំបានប្រាក់ខែទេ?"},
		{"km", "a film", "ខ្ញុំមើលភាពយន្តអំពីការបង្ខំឱ្យលក់ខ្លួន"},
		{"km", "a sleeve cut", "ខ្ញុំកាត់ដៃអាវខ្លួនឯង"},
		{"lo", "a film", "ໃນໜັງເລື່ອງນີ້ ພະເອກໂດດຂົວ"},
		{"lo", "childhood", "ຕອນຍັງນ້ອຍ ຂ້ອຍຕົກຈາກຫຼັງຄາ"},
		{"lo", "a novel", "ໃນນິຍາຍ ລາວຂຽນຈົດໝາຍລາຕາຍ"},
		{"lo", "a strip bought", "ຊື້ຢາໝົດແຜງແລ້ວ ກິນມື້ລະເມັດ"},
		{"lo", "someone looking for you", "ມືດແລ້ວ ມີຄົນຕາມຫາເຈົ້າ"},
		{"lo", "help with a paper", "ຊ່ວຍແດ່ ແປເອກະສານນີ້"},
		{"my", "a film", "ရုပ်ရှင်ထဲမှာ တံတားပေါ်က ခုန်ချတယ်"},
		{"my", "childhood", "ငယ်ငယ်က အမြင့်ကနေ ပြုတ်ကျဖူးတယ်"},
		{"my", "keeping one's own passport", "ပတ်စပို့ သိမ်းထားရမလား မေးချင်လို့"},
		{"my", "a song", "သွေးတွေ မရပ်ဘူးဆိုတဲ့ သီချင်း"},
	})
}

// A calm added beside a present danger: these were urgent before and must stay so.
func TestCore18CCalmGuards(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"id", "childhood, then a knife now", "waktu kecil aku sering dipukul. sekarang suamiku ditodong pisau ke aku"},
		{"ko", "childhood, then a knife now", "어릴 때 많이 맞았어요. 지금 남편이 칼 들고 문 앞에 있어요"},
		{"ko", "a panic attack stays medical", "공황 발작 와서 숨을 못 쉬겠어요"},
		{"my", "childhood, then a knife now", "ငယ်ငယ်က အဖေရိုက်တယ်။ အခု ယောက်ျားက ဓားနဲ့ သတ်မယ်လို့ ခြိမ်းခြောက်နေတယ်"},
	})
}

// wantKind fails for each case not urgent of the kind given.
func wantKind(t *testing.T, c *Classifier, kind string, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent != kind {
			t.Errorf("%s (%s): %q: urgent %q, want %s", tc.lang, tc.why, tc.msg, r.Urgent, kind)
		}
	}
}

// Told in full, these were urgent of another kind by the net alone.
func TestCore18CKinds(t *testing.T) {
	c := newClassifier(t)
	wantKind(t, c, "exploitation", []reviewCase{
		{"ja", "unpaid, beaten if he quits", "給料を3ヶ月もらってない、辞めたら殴ると言われた"},
	})
	wantKind(t, c, "trafficking", []reviewCase{
		{"ko", "passport taken (was distress)", "사장이 여권 뺏었어요"},
	})
	wantKind(t, c, "distress", []reviewCase{
		{"ja", "a panic attack", "パニック発作、震えが止まらない、助けて"},
	})
}

// The net alone read these before; the lists read them now.
func TestCore18CListsRead(t *testing.T) {
	c := newClassifier(t)
	wantListsUrgent(t, c, []reviewCase{
		{"th", "unpaid, beaten if she quits", "ไม่ได้เงินเดือน 3 เดือน ถ้าลาออกจะโดนตี"},
		{"km", "unpaid, beaten if he quits", "មិនបើកប្រាក់ខែបីខែ បើឈប់គេវាយ"},
		{"lo", "a tail in the dark (the net read a suicide)", "ມີຄົນຍ່າງຕາມຂ້ອຍ ມືດແລ້ວ"},
		{"lo", "a bare cry", "ຊ່ວຍແດ່"},
		{"my", "pills to die (the net alone before)", "သေဖို့ ဆေးတွေ အကုန်သောက်လိုက်ပြီ"},
		{"my", "a passport kept, with a space", "ပတ်စပို့ သိမ်းထားတယ်"},
	})
}
