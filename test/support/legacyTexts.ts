/**
 * Short texts written for the encoding tests (our own words, no third-party text), each in the
 * script a legacy encoding was made for, and the encodings a test saves it in. Python's codecs
 * (an encoder independent of the decoders under test) write the files: see legacyFiles.ts.
 *
 * Tolerance of the detector: it must name the encoding itself, or a superset that reads the
 * same bytes as the same characters (`accepted`): GB18030 for GBK. Latin-1 and Windows-1252
 * are one encoding to every WHATWG decoder (the labels "latin1" and "iso-8859-1" name
 * windows-1252), so Windows-1252 is the answer for both.
 */

export const WESTERN = [
  'Le garçon du café a préféré lire près de la fenêtre, où la lumière était douce.',
  "Hélène répondit qu'elle irait à la bibliothèque après le déjeuner, même s'il pleuvait.",
  'Die Größe der Straße überraschte die Mädchen; sie fuhren später mit dem Fahrrad weiter.',
  'El niño soñaba con montañas y ríos, y por la mañana escribió una canción muy alegre.',
  "À Noël, la forêt était calme; les élèves écoutèrent l'histoire du vieux pêcheur.",
].join('\n') + '\n'

/** Windows-1252's own characters (curly quotes, the dash, the euro sign) beside Latin-1's accents. */
export const WESTERN_CURLY = [
  '“Où est le café?” demanda-t-elle – il coûtait 3 € la tasse.',
  'Il répondit: “Près de l’église, à côté du marché.”',
  'Les élèves n’étaient pas d’accord – ils préféraient la plage.',
].join('\n') + '\n'

export const CHINESE_SIMPLIFIED = [
  '我们今天早上一起去图书馆看书，下午在公园里散步。',
  '这个城市的冬天很冷，但是春天来的时候花都开了。',
  '老师告诉学生们要认真学习，每天都要练习写汉字。',
  '他喜欢喝茶，也喜欢和朋友们聊天，讨论历史和文化。',
  '火车站离我家不远，走路大概需要二十分钟。',
].join('\n') + '\n'

export const CHINESE_TRADITIONAL = [
  '我們今天早上一起去圖書館看書，下午在公園裡散步。',
  '這個城市的冬天很冷，但是春天來的時候花都開了。',
  '老師告訴學生們要認真學習，每天都要練習寫漢字。',
  '他喜歡喝茶，也喜歡和朋友們聊天，討論歷史和文化。',
  '火車站離我家不遠，走路大概需要二十分鐘。',
].join('\n') + '\n'

export const JAPANESE = [
  '私は毎朝早く起きて、近くの公園を散歩します。',
  '昨日は友達と一緒に新しい喫茶店へ行きました。',
  'この本はとても面白いので、週末に全部読みたいです。',
  '駅の前には大きな桜の木があり、春になると花が咲きます。',
  '日本語の勉強は難しいですが、毎日少しずつ続けています。',
].join('\n') + '\n'

export const KOREAN = [
  '우리는 아침마다 공원에서 함께 산책을 합니다.',
  '어제는 친구와 같이 새로 생긴 도서관에 갔습니다.',
  '이 책은 정말 재미있어서 주말에 다 읽고 싶어요.',
  '봄이 되면 학교 앞 길에 예쁜 꽃이 많이 핍니다.',
  '한국어 공부는 어렵지만 매일 조금씩 계속하고 있어요.',
].join('\n') + '\n'

export const RUSSIAN = [
  'Каждое утро мы гуляем в парке недалеко от нашего дома.',
  'Вчера я ходил с другом в новую библиотеку на соседней улице.',
  'Эта книга очень интересная, поэтому я хочу прочитать её за выходные.',
  'Весной в саду расцветают яблони, и воздух пахнет цветами.',
  'Изучать русский язык трудно, но я занимаюсь понемногу каждый день.',
].join('\n') + '\n'

/** A text, the Python codec that writes it, and the encodings the detector may answer (the WHATWG names TextDecoder gives). */
export interface LegacyCase {
  readonly name: string
  readonly text: string
  readonly codec: string
  /** The decoder's name for the encoding, first; then supersets that read the same bytes the same way. */
  readonly accepted: readonly string[]
}

/** Each text is repeated so a file holds a few kilobytes, as a small corpus would. */
const times = (text: string, n: number) => text.repeat(n)

export const LEGACY_CASES: readonly LegacyCase[] = [
  // WHATWG reads the latin1 and iso-8859-1 labels as windows-1252, a superset of Latin-1's printable characters.
  { name: 'latin-1', text: times(WESTERN, 8), codec: 'latin-1', accepted: ['windows-1252'] },
  { name: 'windows-1252', text: times(WESTERN + WESTERN_CURLY, 6), codec: 'cp1252', accepted: ['windows-1252'] },
  // GB18030 is a superset of GBK: it reads every GBK file the same way.
  { name: 'gbk', text: times(CHINESE_SIMPLIFIED, 8), codec: 'gbk', accepted: ['gbk', 'gb18030'] },
  { name: 'big5', text: times(CHINESE_TRADITIONAL, 8), codec: 'big5', accepted: ['big5'] },
  { name: 'shift_jis', text: times(JAPANESE, 8), codec: 'shift_jis', accepted: ['shift_jis'] },
  { name: 'euc-jp', text: times(JAPANESE, 8), codec: 'euc_jp', accepted: ['euc-jp'] },
  { name: 'iso-2022-jp', text: times(JAPANESE, 8), codec: 'iso2022_jp', accepted: ['iso-2022-jp'] },
  { name: 'euc-kr', text: times(KOREAN, 8), codec: 'euc_kr', accepted: ['euc-kr'] },
  { name: 'koi8-r', text: times(RUSSIAN, 8), codec: 'koi8_r', accepted: ['koi8-r'] },
  { name: 'windows-1251', text: times(RUSSIAN, 8), codec: 'cp1251', accepted: ['windows-1251'] },
]
