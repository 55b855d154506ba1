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
	})
}
