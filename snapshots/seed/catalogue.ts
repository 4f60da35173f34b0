// The preloaded catalogue: phones and accessories a Ugandan phone shop commonly sells, with typical
// Kampala prices in UGX (no minor unit). A new shop adds it in one step; the demo shops start from it.

export interface CatalogueItem {
  sku: string;
  name: string;
  category: 'Phones' | 'Chargers & Cables' | 'Audio' | 'Protection' | 'Power' | 'Storage';
  costPrice: number;
  sellingPrice: number;
  minStockLevel: number;
}

export const CATALOGUE: readonly CatalogueItem[] = [
  {
    sku: 'PH-TEC-SPK20',
    name: 'Tecno Spark 20 128GB',
    category: 'Phones',
    costPrice: 430_000,
    sellingPrice: 520_000,
    minStockLevel: 3,
  },
  {
    sku: 'PH-TEC-CAM30',
    name: 'Tecno Camon 30 256GB',
    category: 'Phones',
    costPrice: 780_000,
    sellingPrice: 920_000,
    minStockLevel: 2,
  },
  {
    sku: 'PH-INF-HOT40I',
    name: 'Infinix Hot 40i 128GB',
    category: 'Phones',
    costPrice: 400_000,
    sellingPrice: 480_000,
    minStockLevel: 3,
  },
  {
    sku: 'PH-INF-SMART8',
    name: 'Infinix Smart 8 64GB',
    category: 'Phones',
    costPrice: 270_000,
    sellingPrice: 330_000,
    minStockLevel: 3,
  },
  {
    sku: 'PH-SAM-A15',
    name: 'Samsung Galaxy A15 128GB',
    category: 'Phones',
    costPrice: 590_000,
    sellingPrice: 690_000,
    minStockLevel: 2,
  },
  {
    sku: 'PH-SAM-A25',
    name: 'Samsung Galaxy A25 5G 128GB',
    category: 'Phones',
    costPrice: 880_000,
    sellingPrice: 1_050_000,
    minStockLevel: 2,
  },
  {
    sku: 'PH-ITL-A70',
    name: 'itel A70 64GB',
    category: 'Phones',
    costPrice: 230_000,
    sellingPrice: 285_000,
    minStockLevel: 4,
  },
  {
    sku: 'PH-XMI-R13C',
    name: 'Xiaomi Redmi 13C 128GB',
    category: 'Phones',
    costPrice: 420_000,
    sellingPrice: 499_000,
    minStockLevel: 2,
  },
  {
    sku: 'PH-APL-IP13',
    name: 'iPhone 13 128GB (refurbished)',
    category: 'Phones',
    costPrice: 1_650_000,
    sellingPrice: 1_950_000,
    minStockLevel: 1,
  },
  {
    sku: 'PH-NOK-105',
    name: 'Nokia 105 (2023)',
    category: 'Phones',
    costPrice: 65_000,
    sellingPrice: 85_000,
    minStockLevel: 5,
  },
  {
    sku: 'AC-CHG-USBC25',
    name: 'Fast charger 25W USB-C',
    category: 'Chargers & Cables',
    costPrice: 18_000,
    sellingPrice: 35_000,
    minStockLevel: 10,
  },
  {
    sku: 'AC-CBL-USBC1M',
    name: 'USB-C cable 1 m',
    category: 'Chargers & Cables',
    costPrice: 4_000,
    sellingPrice: 10_000,
    minStockLevel: 15,
  },
  {
    sku: 'AC-CBL-LGT1M',
    name: 'Lightning cable 1 m',
    category: 'Chargers & Cables',
    costPrice: 6_000,
    sellingPrice: 15_000,
    minStockLevel: 10,
  },
  {
    sku: 'AC-CHG-CAR',
    name: 'Car charger dual USB',
    category: 'Chargers & Cables',
    costPrice: 8_000,
    sellingPrice: 20_000,
    minStockLevel: 5,
  },
  {
    sku: 'AC-AUD-EAR',
    name: 'Wired earphones with mic',
    category: 'Audio',
    costPrice: 5_000,
    sellingPrice: 15_000,
    minStockLevel: 10,
  },
  {
    sku: 'AC-AUD-BT',
    name: 'Bluetooth earbuds',
    category: 'Audio',
    costPrice: 35_000,
    sellingPrice: 75_000,
    minStockLevel: 5,
  },
  {
    sku: 'AC-AUD-SPK',
    name: 'Portable Bluetooth speaker',
    category: 'Audio',
    costPrice: 45_000,
    sellingPrice: 90_000,
    minStockLevel: 3,
  },
  {
    sku: 'AC-PRT-GLASS',
    name: 'Tempered glass screen protector',
    category: 'Protection',
    costPrice: 2_000,
    sellingPrice: 10_000,
    minStockLevel: 20,
  },
  {
    sku: 'AC-PRT-CASE',
    name: 'Silicone phone case',
    category: 'Protection',
    costPrice: 4_000,
    sellingPrice: 15_000,
    minStockLevel: 15,
  },
  {
    sku: 'AC-PWR-10K',
    name: 'Power bank 10,000 mAh',
    category: 'Power',
    costPrice: 38_000,
    sellingPrice: 65_000,
    minStockLevel: 5,
  },
  {
    sku: 'AC-PWR-20K',
    name: 'Power bank 20,000 mAh',
    category: 'Power',
    costPrice: 60_000,
    sellingPrice: 100_000,
    minStockLevel: 3,
  },
  {
    sku: 'AC-STO-SD64',
    name: 'microSD card 64GB',
    category: 'Storage',
    costPrice: 18_000,
    sellingPrice: 35_000,
    minStockLevel: 8,
  },
  {
    sku: 'AC-STO-SD128',
    name: 'microSD card 128GB',
    category: 'Storage',
    costPrice: 32_000,
    sellingPrice: 60_000,
    minStockLevel: 5,
  },
];

/** An EAN-13 barcode with its check digit, from a 12-digit body. */
export function ean13(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
