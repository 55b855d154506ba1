package triage

import "testing"

// core18-d (issue 12): the core forms of every urgent kind in Hindi, as written on a phone; each
// urgent message was not urgent at a9cbd5bf (the lists and the net), and the decoys use the new words
// in an ordinary meaning (a film, the past, a figure, a question).
func TestCore18DHindiCoreForms(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "hi", why: "suicide", msg: `मुझे मरना है`},
		{lang: "hi", why: "suicide", msg: `मैं और नहीं सह सकता, आज रात सब खत्म कर दूंगा`},
		{lang: "hi", why: "suicide", msg: `आज रात सब खत्म कर दूंगी`},
		{lang: "hi", why: "suicide", msg: `सुसाइड नोट लिख दिया है`},
		{lang: "hi", why: "suicide", msg: `खिड़की से कूद जाऊंगा`},
		{lang: "hi", why: "suicide", msg: `ट्रेन के नीचे कूद जाऊंगी`},
		{lang: "hi", why: "suicide", msg: `मरने के लिए नींद की गोलियां खा लीं`},
		{lang: "hi", why: "suicide", msg: `मैंने ब्लेड से अपना हाथ काट लिया`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "hi", why: "child", msg: `बच्ची के हाथ पर जलने के निशान हैं`},
		{lang: "hi", why: "child", msg: `घर में खाने को कुछ नहीं, बच्चे भूखे हैं`},
		{lang: "hi", why: "distress", msg: `वो मेरे दरवाजे के बाहर खड़ा है, बहुत डर लग रहा है`},
		{lang: "hi", why: "medical", msg: `मम्मी को उठा नहीं पा रहे`},
		{lang: "hi", why: "medical", msg: `मेरा पानी टूट गया`},
		{lang: "hi", why: "medical", msg: `उसका मुंह टेढ़ा हो गया, बोल नहीं पा रहे`},
		{lang: "hi", why: "medical", msg: `मेरे भाई ने बहुत सारी गोलियां खा लीं`},
		{lang: "hi", why: "medical", msg: `मज़दूर छत से गिर गया, बोल नहीं रहा`},
		{lang: "hi", why: "distress", msg: `पैनिक अटैक आ रहा है`},
		{lang: "hi", why: "distress", msg: `मैं कांप रही हूँ, मेरी मदद करो`},
		{lang: "hi", why: "distress", msg: `अंधेरे में कोई मेरा पीछा कर रहा है`},
		{lang: "hi", why: "violence", msg: `वो मुझे मारना चाहता है`},
		{lang: "hi", why: "violence", msg: `मेरे साथ जबरदस्ती की`},
		{lang: "hi", why: "trafficking", msg: `मालिक ने मेरे कागज़ रख लिए हैं`},
		{lang: "hi", why: "trafficking", msg: `5000 यूरो का कर्ज़ है, मुझे सड़क पर खड़ा करते हैं`},
		{lang: "hi", why: "exploitation", msg: `6 महीने से पगार नहीं मिली, capo कहता है छोड़ा तो मारेगा`},
		{lang: "hi", why: "exploitation", msg: `पगार नहीं दी, capo कहता है शिकायत करोगे तो permesso कैंसल करवा दूंगा`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "hi", why: "decoy", msg: `मुझे मरना नहीं है, बस नींद चाहिए`},
		{lang: "hi", why: "decoy", msg: `फिल्म में हीरो खिड़की से कूद गया`},
		{lang: "hi", why: "decoy", msg: `ये काम मुझे मार डालेगा`},
		{lang: "hi", why: "decoy", msg: `बारिश में छत से पानी गिर गया`},
		{lang: "hi", why: "decoy", msg: `पिछले साल मुझे पैनिक अटैक आया था, डॉक्टर का पता चाहिए`},
		{lang: "hi", why: "decoy", msg: `बच्चा बीमार है, दो दिन से कुछ नहीं खाया, डॉक्टर कहाँ मिलेगा`},
		{lang: "hi", why: "decoy", msg: `सुसाइड नोट नाम की फिल्म देखी`},
		{lang: "hi", why: "decoy", msg: `ठंड से कांप रही हूँ, कंबल कहाँ मिलेगा`},
		{lang: "hi", why: "decoy", msg: `दरवाजे के बाहर कूरियर वाला खड़ा है`},
		{lang: "hi", why: "decoy", msg: `अंधेरे में बिजली चली गई`},
		{lang: "hi", why: "decoy", msg: `ऑफिस का काम और नहीं सह सकता`},
		{lang: "hi", why: "decoy", msg: `वकील ने मेरे कागज़ रख लिए हैं permesso के लिए`},
		{lang: "hi", why: "decoy", msg: `फिल्म में विलेन हीरोइन के साथ जबरदस्ती करता है`},
		{lang: "hi", why: "decoy", msg: `दो साल पहले वो मुझे मारना चाहता था, अब मैं permesso का पूछ रही हूँ`},
		{lang: "hi", why: "decoy", msg: `सड़क पर खड़ा करते हैं बस का इंतज़ार करने के लिए`},
		{lang: "hi", why: "decoy", msg: `अगर मैं शिकायत करूं तो क्या permesso कैंसल हो जाएगा?`},
	})
}

// core18-d (issue 12): the core forms of every urgent kind in Marathi, as written on a phone; each
// urgent message was not urgent at a9cbd5bf (the lists and the net), and the decoys use the new words
// in an ordinary meaning (a film, the past, a figure, a question).
func TestCore18DMarathiCoreForms(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "mr", why: "suicide", msg: `मी स्वतःला मारून घेईन`},
		{lang: "mr", why: "suicide", msg: `मी ब्लेडने हात कापला`},
		{lang: "mr", why: "suicide", msg: `खिडकीतून उडी मारेन`},
		{lang: "mr", why: "suicide", msg: `सुसाइड नोट लिहिली आहे`},
		{lang: "mr", why: "suicide", msg: `आज रात्री आयुष्य संपवणार`},
		{lang: "mr", why: "suicide", msg: `मरण्यासाठी झोपेच्या गोळ्या खाल्ल्या`},
		{lang: "mr", why: "suicide", msg: `mala marayche ahe`},
		{lang: "mr", why: "suicide", msg: `पुलावरून उडी मारणार`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "mr", why: "child", msg: `बाळ निळं पडलं`},
		{lang: "mr", why: "child", msg: `मुलगा दोन दिवसांपासून उपाशी आहे, घरात खायला काही नाही`},
		{lang: "mr", why: "child", msg: `काका माझ्या मुलीला चुकीच्या पद्धतीने हात लावतात`},
		{lang: "mr", why: "violence", msg: `तो मला मारून टाकेल`},
		{lang: "mr", why: "violence", msg: `त्याने माझ्यावर जबरदस्ती केली`},
		{lang: "mr", why: "distress", msg: `तो दाराबाहेर उभा आहे, मला खूप भीती वाटते`},
		{lang: "mr", why: "medical", msg: `बाबांचं तोंड वाकडं झालं`},
		{lang: "mr", why: "medical", msg: `कामगार छतावरून पडला, हलत नाही`},
		{lang: "mr", why: "trafficking", msg: `कर्ज आहे म्हणून रस्त्यावर उभं करतात`},
		{lang: "mr", why: "exploitation", msg: `३ महिने पगार दिला नाही, तक्रार केलीस तर मारेन म्हणतो`},
		{lang: "mr", why: "distress", msg: `पॅनिक अटॅक येतोय`},
		{lang: "mr", why: "distress", msg: `मी थरथरतेय, मला मदत करा`},
		{lang: "mr", why: "child", msg: `मुलीच्या अंगावर भाजल्याच्या खुणा`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "mr", why: "decoy", msg: `काल सिनेमात हिरो खिडकीतून उडी मारतो`},
		{lang: "mr", why: "decoy", msg: `हे काम मला मारून टाकेल`},
		{lang: "mr", why: "decoy", msg: `गेल्या वर्षी मला पॅनिक अटॅक आला होता, डॉक्टर हवा`},
		{lang: "mr", why: "decoy", msg: `छतावरून पाणी गळतंय, मालकाला सांगायचं आहे`},
		{lang: "mr", why: "decoy", msg: `थंडीने थरथरतोय, ब्लँकेट कुठे मिळेल`},
		{lang: "mr", why: "decoy", msg: `दाराबाहेर कुरिअरवाला उभा आहे`},
		{lang: "mr", why: "decoy", msg: `अंधारात लाईट गेली`},
		{lang: "mr", why: "decoy", msg: `तक्रार केली तर permesso वर परिणाम होतो का?`},
		{lang: "mr", why: "decoy", msg: `सुसाइड नोट नावाचा सिनेमा पाहिला`},
	})
}

// core18-d (issue 12): the core forms of every urgent kind in Nepali, as written on a phone; each
// urgent message was not urgent at a9cbd5bf (the lists and the net), and the decoys use the new words
// in an ordinary meaning (a film, the past, a figure, a question).
func TestCore18DNepaliCoreForms(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "ne", why: "suicide", msg: `मलाई मर्न मन छ`},
		{lang: "ne", why: "suicide", msg: `आज राति जीवन सकाउँछु`},
		{lang: "ne", why: "suicide", msg: `पुलबाट हाम फाल्छु`},
		{lang: "ne", why: "suicide", msg: `मर्नको लागि निद्राको चक्की खाएँ`},
		{lang: "ne", why: "suicide", msg: `म आफैंलाई सक्छु`},
		{lang: "ne", why: "suicide", msg: `झ्यालबाट हाम फाल्छु`},
		{lang: "ne", why: "suicide", msg: `सुसाइड नोट लेखें`},
		{lang: "ne", why: "suicide", msg: `ब्लेडले हात काटें`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "ne", why: "medical", msg: `मुखबाट फिँज आयो, काम्दैछ`},
		{lang: "ne", why: "exploitation", msg: `४ महिनादेखि तलब दिएको छैन, उजुरी गरे कुट्छु भन्छ`},
		{lang: "ne", why: "child", msg: `बच्चाको जीउमा जलेको दाग छ`},
		{lang: "ne", why: "child", msg: `बच्चा निलो भयो`},
		{lang: "ne", why: "medical", msg: `आमालाई उठाउँदा पनि उठ्नुहुन्न`},
		{lang: "ne", why: "medical", msg: `बुबाको मुख बाङ्गो भयो`},
		{lang: "ne", why: "medical", msg: `भाइले धेरै चक्की खायो`},
		{lang: "ne", why: "medical", msg: `मजदुर छतबाट खस्यो, चल्दैन`},
		{lang: "ne", why: "trafficking", msg: `साहुले कागजात राखिदियो`},
		{lang: "ne", why: "trafficking", msg: `ऋण छ भनेर सडकमा उभ्याउँछन्`},
		{lang: "ne", why: "distress", msg: `प्यानिक अट्याक आइरहेको छ`},
		{lang: "ne", why: "distress", msg: `अँध्यारोमा कोही पछ्याइरहेको छ`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ne", why: "decoy", msg: `म थाकेँ`},
		{lang: "ne", why: "decoy", msg: `यो कामले मलाई मार्छ`},
		{lang: "ne", why: "decoy", msg: `हिजो फिल्ममा हिरो झ्यालबाट हाम फाल्यो`},
		{lang: "ne", why: "decoy", msg: `पोखरीमा हाम फाल्छु, पौडी खेल्न मन छ`},
		{lang: "ne", why: "decoy", msg: `छतबाट पानी खस्यो, घरबेटीलाई भन्नुपर्छ`},
		{lang: "ne", why: "decoy", msg: `गएको वर्ष प्यानिक अट्याक आयो, अहिले डाक्टर चाहियो`},
		{lang: "ne", why: "decoy", msg: `जाडोले काँपिरहेको छु, कम्बल कहाँ पाइन्छ`},
		{lang: "ne", why: "decoy", msg: `ढोका बाहिर कुरियरवाला उभिएको छ`},
		{lang: "ne", why: "decoy", msg: `अँध्यारोमा बत्ती गयो`},
		{lang: "ne", why: "decoy", msg: `सुसाइड नोट भन्ने फिल्म हेरें`},
		{lang: "ne", why: "decoy", msg: `उजुरी गरे permesso मा असर पर्छ?`},
		{lang: "ne", why: "decoy", msg: `बच्चाको शरीरमा जन्मदेखि निलो दाग छ, डाक्टरलाई देखाउनु छ`},
	})
}

// core18-d (issue 12): the core forms of every urgent kind in Gujarati, as written on a phone; each
// urgent message was not urgent at a9cbd5bf (the lists and the net), and the decoys use the new words
// in an ordinary meaning (a film, the past, a figure, a question).
func TestCore18DGujaratiCoreForms(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "gu", why: "suicide", msg: `આજે રાત્રે જિંદગી ખતમ કરી દઈશ`},
		{lang: "gu", why: "suicide", msg: `પુલ પરથી કૂદી જઈશ`},
		{lang: "gu", why: "suicide", msg: `મરવા માટે ઊંઘની ગોળીઓ ખાઈ લીધી`},
		{lang: "gu", why: "suicide", msg: `બારીમાંથી કૂદી જઈશ`},
		{lang: "gu", why: "suicide", msg: `સુસાઇડ નોટ લખી દીધી`},
		{lang: "gu", why: "suicide", msg: `બ્લેડથી હાથ કાપી નાખ્યો`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "gu", why: "violence", msg: `મને મારી નાખવાની ધમકી આપે છે`},
		{lang: "gu", why: "exploitation", msg: `૩ મહિનાથી પગાર નથી આપ્યો, ફરિયાદ કરીશ તો મારીશ એમ કહે છે`},
		{lang: "gu", why: "distress", msg: `મને બહુ બીક લાગે છે, કોઈ મારો પીછો કરે છે`},
		{lang: "gu", why: "child", msg: `બાળકના શરીર પર દાઝ્યાના નિશાન છે`},
		{lang: "gu", why: "child", msg: `બાળક વાદળી પડી ગયું`},
		{lang: "gu", why: "distress", msg: `એ દરવાજાની બહાર ઊભો છે, મને બહુ ડર લાગે છે`},
		{lang: "gu", why: "medical", msg: `મમ્મી ઉઠાડું તો પણ ઊઠતી નથી`},
		{lang: "gu", why: "medical", msg: `પાણીની કોથળી ફાટી ગઈ`},
		{lang: "gu", why: "medical", msg: `પપ્પાનું મોઢું વાંકું થઈ ગયું`},
		{lang: "gu", why: "medical", msg: `મજૂર છત પરથી પડ્યો, હલતો નથી`},
		{lang: "gu", why: "trafficking", msg: `શેઠે મારા કાગળો રાખી લીધા`},
		{lang: "gu", why: "trafficking", msg: `દેવું છે એટલે રસ્તા પર ઊભી રાખે છે`},
		{lang: "gu", why: "distress", msg: `પેનિક એટેક આવી રહ્યો છે`},
		{lang: "gu", why: "distress", msg: `અંધારામાં કોઈ મારો પીછો કરે છે`},
		{lang: "gu", why: "exploitation", msg: `૩ મહિનાથી પગાર નથી આપ્યો, capo કહે છે ફરિયાદ કરી તો મારીશ એમ કહે છે`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "gu", why: "decoy", msg: `હું થાકી ગયો છું`},
		{lang: "gu", why: "decoy", msg: `આ કામ મને મારી નાખશે`},
		{lang: "gu", why: "decoy", msg: `ગઈકાલે ફિલ્મમાં હીરો બારીમાંથી કૂદી ગયો`},
		{lang: "gu", why: "decoy", msg: `આજે રાત્રે બધું કામ ખતમ કરી દઈશ`},
		{lang: "gu", why: "decoy", msg: `છત પરથી પાણી પડ્યું, મકાનમાલિકને કહેવું છે`},
		{lang: "gu", why: "decoy", msg: `મને પેનિક એટેક આવે છે, ડોક્ટર જોઈએ`},
		{lang: "gu", why: "decoy", msg: `ઠંડીથી ધ્રૂજું છું, ધાબળો ક્યાં મળશે`},
		{lang: "gu", why: "decoy", msg: `દરવાજાની બહાર કુરિયરવાળો ઊભો છે`},
		{lang: "gu", why: "decoy", msg: `અંધારામાં લાઈટ ગઈ`},
		{lang: "gu", why: "decoy", msg: `વકીલે મારા કાગળો રાખી લીધા permesso માટે`},
		{lang: "gu", why: "decoy", msg: `સુસાઇડ નોટ નામની ફિલ્મ જોઈ`},
	})
}

// core18-d (issue 12): the core forms of every urgent kind in Sinhala, as written on a phone; each
// urgent message was not urgent at a9cbd5bf (the lists and the net), and the decoys use the new words
// in an ordinary meaning (a film, the past, a figure, a question).
func TestCore18DSinhalaCoreForms(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "si", why: "suicide", msg: `මම සියදිවි නසාගන්නවා`},
		{lang: "si", why: "suicide", msg: `මම මාවම මරාගන්නවා`},
		{lang: "si", why: "suicide", msg: `අද රෑ ජීවිතේ ඉවර කරනවා`},
		{lang: "si", why: "suicide", msg: `පාලමෙන් පනිනවා`},
		{lang: "si", why: "suicide", msg: `මැරෙන්න පෙති ගිල්ලා`},
		{lang: "si", why: "suicide", msg: `mata marenna ona`},
		{lang: "si", why: "suicide", msg: `මට දිවි නසාගන්න ඕනේ`},
		{lang: "si", why: "suicide", msg: `ජනේලෙන් පනිනවා`},
		{lang: "si", why: "suicide", msg: `සුසයිඩ් නෝට් එකක් ලිව්වා`},
		{lang: "si", why: "suicide", msg: `බ්ලේඩ් එකෙන් අත කපාගත්තා`},
		{lang: "si", why: "suicide", msg: `mata diwi nasaganna ona`},
		{lang: "si", why: "suicide", msg: `mama maruwa gannawa`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "si", why: "violence", msg: `එයා ළඟ පිහියක් තියෙනවා`},
		{lang: "si", why: "medical", msg: `තාත්තාට සිහිය නැහැ`},
		{lang: "si", why: "medical", msg: `පපුවේ කැක්කුමක්`},
		{lang: "si", why: "child", msg: `දරුවාගේ ඇඟේ පිච්චුණු තුවාල`},
		{lang: "si", why: "violence", msg: `එයා මාව මරයි`},
		{lang: "si", why: "medical", msg: `අම්මව ඇහැරවන්න බෑ`},
		{lang: "si", why: "medical", msg: `තාත්තාගේ කට ඇද වුණා`},
		{lang: "si", why: "medical", msg: `කම්කරුවා වහලෙන් වැටුණා, හෙලවෙන්නේ නෑ`},
		{lang: "si", why: "trafficking", msg: `ණය නිසා පාරේ හිටවනවා`},
		{lang: "si", why: "distress", msg: `පැනික් ඇටෑක් එකක් එනවා`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "si", why: "decoy", msg: `මට මහන්සියි`},
		{lang: "si", why: "decoy", msg: `මේ වැඩේ මාව මරනවා`},
		{lang: "si", why: "decoy", msg: `ඊයේ ෆිල්ම් එකේ හීරෝ ජනේලෙන් පැන්නා`},
		{lang: "si", why: "decoy", msg: `අද රෑ වැඩ ඔක්කොම ඉවර කරනවා`},
		{lang: "si", why: "decoy", msg: `වහලෙන් වතුර වැටෙනවා, ගෙදර අයිතිකාරයාට කියන්න ඕනේ`},
		{lang: "si", why: "decoy", msg: `ගිය අවුරුද්දේ පැනික් ඇටෑක් ආවා, දැන් දොස්තර කෙනෙක් ඕනේ`},
		{lang: "si", why: "decoy", msg: `සීතලට වෙව්ලනවා, බ්ලැන්කට් එකක් කොහෙන්ද`},
		{lang: "si", why: "decoy", msg: `දොර ළඟ කුරියර් එකේ කෙනා ඉන්නවා`},
		{lang: "si", why: "decoy", msg: `අඳුරේ ලයිට් ගියා`},
		{lang: "si", why: "decoy", msg: `සුසයිඩ් නෝට් කියන ෆිල්ම් එක බැලුවා`},
		{lang: "si", why: "decoy", msg: `ළමයාගේ කකුලේ නිල් පාට ලපයක් උපතේ ඉඳන් තියෙනවා, දොස්තරට පෙන්නන්න ඕනේ`},
	})
}
